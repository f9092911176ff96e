package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// node is an element of a parsed part, for the tests to look into.
type node struct {
	Name  xml.Name
	Attrs []xml.Attr
	Kids  []*node
}

// parseXML parses a part strictly, as encoding/xml does, failing on
// anything a Word or LibreOffice reader would refuse to parse.
func parseXML(tb testing.TB, name string, data []byte) *node {
	tb.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{Name: t.Name, Attrs: t.Attr}
			top := stack[len(stack)-1]
			top.Kids = append(top.Kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if s := string(t); strings.TrimSpace(s) != "" {
				top := stack[len(stack)-1]
				top.Kids = append(top.Kids, &node{Name: xml.Name{Local: "#text"}, Attrs: []xml.Attr{{Value: s}}})
			}
		}
	}
	if len(root.Kids) != 1 {
		tb.Fatalf("%s: %d root elements", name, len(root.Kids))
	}
	return root.Kids[0]
}

// unzip reads a .docx's parts, and parses every XML one.
func unzip(tb testing.TB, data []byte) map[string][]byte {
	tb.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			tb.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = b
		parseXML(tb, f.Name, b)
	}
	return parts
}

func (n *node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (n *node) has(local string) bool { return n.first(local) != nil }

// all is every element named local below n, in document order.
func (n *node) all(local string) []*node {
	var out []*node
	for _, k := range n.Kids {
		if k.Name.Local == local {
			out = append(out, k)
		}
		out = append(out, k.all(local)...)
	}
	return out
}

func (n *node) first(local string) *node {
	if all := n.all(local); len(all) > 0 {
		return all[0]
	}
	return nil
}

// kids is n's children named local (not deeper).
func (n *node) kids(local string) []*node {
	var out []*node
	for _, k := range n.Kids {
		if k.Name.Local == local {
			out = append(out, k)
		}
	}
	return out
}

// text is what a reader sees of n: its w:t, a w:br as a line break.
func (n *node) text() string {
	var b strings.Builder
	for _, k := range n.Kids {
		switch k.Name.Local {
		case "#text":
			b.WriteString(k.Attrs[0].Value)
		case "br":
			b.WriteString("\n")
		case "instrText":
		default:
			b.WriteString(k.text())
		}
	}
	return b.String()
}

// runStyle is what a run's own properties say.
type runStyle struct {
	Size                    string
	Bold, Italic, Underline bool
}

func styleOf(r *node) runStyle {
	var s runStyle
	rpr := r.first("rPr")
	if rpr == nil {
		return s
	}
	if sz := rpr.first("sz"); sz != nil {
		s.Size = sz.attr("val")
	}
	s.Bold, s.Italic = rpr.has("b"), rpr.has("i")
	if u := rpr.first("u"); u != nil {
		s.Underline = u.attr("val") == "single"
	}
	return s
}

// paragraph is the first paragraph under n whose text is text.
func paragraph(tb testing.TB, n *node, text string) *node {
	tb.Helper()
	for _, p := range n.all("p") {
		if p.text() == text {
			return p
		}
	}
	tb.Fatalf("no paragraph %q", text)
	return nil
}

// texts is the text of every paragraph under n.
func texts(n *node) []string {
	var out []string
	for _, p := range n.all("p") {
		out = append(out, p.text())
	}
	return out
}
