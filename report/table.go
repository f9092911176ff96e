package report

import (
	"errors"
	"fmt"
	"math"
)

// errTable is a table whose rows do not fit its grid.
var errTable = errors.New("a table's rows do not fit its columns")

// tableView is a table laid out on a text width: the grid's widths in dxa
// and every row with its cells placed, the places a cell above spans down
// into filled with continuing cells (Word's vMerge).
type tableView struct {
	Width int
	Grid  []int
	Rows  []rowView
}

type rowView struct {
	Header   bool
	KeepNext bool // a group's title row, one cell across the table, kept with the row after it
	Cells    []cellView
}

type cellView struct {
	Width    int
	Span     int    // grid columns, 1 or more
	VMerge   string // "restart" atop a cell spanning down, "continue" below it, "" for none
	Cell     Cell   // empty when continuing
	Align    string
	Header   bool
	KeepNext bool // its row's
}

// spanDown is a cell spanning down from a row above: how many rows below
// it still covers and how many grid columns wide it is.
type spanDown struct{ rows, span int }

// layoutTable places t on a text width of width dxa.
func layoutTable(t Table, width int) (tableView, error) {
	if len(t.Columns) == 0 {
		return tableView{}, fmt.Errorf("%w: no columns", errTable)
	}
	grid, err := gridWidths(t.Columns, width)
	if err != nil {
		return tableView{}, err
	}
	v := tableView{Width: width, Grid: grid}
	down := make([]spanDown, len(grid)) // by the grid column a cell spanning down starts at
	rows := append(append([][]Cell{}, t.Header...), t.Rows...)
	for i, cells := range rows {
		r, err := placeRow(t.Columns, grid, cells, down)
		if err != nil {
			return tableView{}, fmt.Errorf("%w: row %d: %w", errTable, i+1, err)
		}
		r.Header = i < len(t.Header)
		r.KeepNext = !r.Header && i < len(rows)-1 && len(r.Cells) == 1 && r.Cells[0].Span == len(grid)
		for j := range r.Cells {
			r.Cells[j].Header, r.Cells[j].KeepNext = r.Header, r.KeepNext
		}
		v.Rows = append(v.Rows, r)
	}
	for _, d := range down {
		if d.rows > 0 {
			return tableView{}, fmt.Errorf("%w: a cell spans down past the last row", errTable)
		}
	}
	return v, nil
}

// gridWidths shares width among the columns by their weights, in whole
// dxa that add up to width.
func gridWidths(cols []Column, width int) ([]int, error) {
	total := 0.0
	for _, c := range cols {
		if !(c.Width > 0) || math.IsInf(c.Width, 0) {
			return nil, fmt.Errorf("%w: a column's width must be above 0", errTable)
		}
		total += c.Width
	}
	grid := make([]int, len(cols))
	used, acc := 0, 0.0
	for i, c := range cols {
		acc += c.Width
		edge := int(math.Round(acc / total * float64(width)))
		grid[i] = edge - used
		used = edge
	}
	return grid, nil
}

// placeRow lays out one row's cells on the grid around the places that
// cells above span down into, and updates down for the rows below.
func placeRow(cols []Column, grid []int, cells []Cell, down []spanDown) (rowView, error) {
	var r rowView
	for col, n := 0, 0; col < len(grid); col += r.Cells[len(r.Cells)-1].Span {
		if d := down[col]; d.rows > 0 {
			r.Cells = append(r.Cells, cellView{Width: sum(grid[col : col+d.span]), Span: d.span, VMerge: "continue"})
			down[col].rows--
			continue
		}
		if n == len(cells) {
			return rowView{}, fmt.Errorf("its cells fill %d of %d columns", col, len(grid))
		}
		cv, err := placeCell(cols, grid, cells[n], col, down)
		if err != nil {
			return rowView{}, fmt.Errorf("cell %d: %w", n+1, err)
		}
		r.Cells = append(r.Cells, cv)
		n++
	}
	if placed := countPlaced(r); placed != len(cells) {
		return rowView{}, fmt.Errorf("%d cells left over", len(cells)-placed)
	}
	return r, nil
}

// placeCell places c at the grid column col, and notes in down the rows
// below it spans into.
func placeCell(cols []Column, grid []int, c Cell, col int, down []spanDown) (cellView, error) {
	span := max(c.Span, 1)
	if col+span > len(grid) || covered(down, col, span) {
		return cellView{}, errors.New("it spans past the last column or into a cell from above")
	}
	cv := cellView{Width: sum(grid[col : col+span]), Span: span, Cell: c, Align: cellAlign(c, cols[col])}
	if c.RowSpan > 1 {
		cv.VMerge = "restart"
		down[col] = spanDown{rows: c.RowSpan - 1, span: span}
	}
	return cv, nil
}

// countPlaced is how many of the caller's cells r holds.
func countPlaced(r rowView) int {
	n := 0
	for _, c := range r.Cells {
		if c.VMerge != "continue" {
			n++
		}
	}
	return n
}

// covered says whether a cell from col, span columns wide, would run into
// a cell spanning down from above (placed after it in the grid).
func covered(down []spanDown, col, span int) bool {
	for c := col + 1; c < col+span; c++ {
		if down[c].rows > 0 {
			return true
		}
	}
	return false
}

func cellAlign(c Cell, col Column) string {
	if c.Align != AlignDefault {
		return alignName(c.Align, "left")
	}
	return alignName(col.Align, "left")
}

// alignName is a's value for w:jc, or def for AlignDefault.
func alignName(a Align, def string) string {
	switch a {
	case AlignLeft:
		return "left"
	case AlignCenter:
		return "center"
	case AlignRight:
		return "right"
	case AlignJustify:
		return "both"
	}
	return def
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
