package bot

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/charts"
	"chitieu/indicator"
	"chitieu/render"
	"chitieu/sheets"
	"chitieu/store"
)

// maxImport is the largest file of figures the bot takes.
const maxImport = 10 << 20

// sendPhoto sends a PNG.
func (b *Bot) sendPhoto(ctx context.Context, chat int64, name string, png []byte) error {
	if err := b.flush(ctx); err != nil {
		return err
	}
	_, err := b.API.Send(ctx, tg.NewPhoto(chat, tg.FileBytes{Name: name, Bytes: png}))
	return err
}

// sendFile sends a document.
func (b *Bot) sendFile(ctx context.Context, chat int64, name string, data []byte, caption string) error {
	if err := b.flush(ctx); err != nil {
		return err
	}
	d := tg.NewDocument(chat, tg.FileBytes{Name: name, Bytes: data})
	d.Caption = caption
	if rt, ok := routed(ctx); ok && rt.heading != "" { // plain text, as captions are sent
		d.Caption = rt.heading + "\n" + caption
	}
	_, err := b.API.Send(ctx, d)
	return err
}

// sendChart draws an indicator's window and sends it.
func (b *Bot) sendChart(ctx context.Context, r *Request, e indicator.Evaluation, figs []indicator.Figure) error {
	png, err := charts.Indicator(r.P, e, figs)
	if err != nil {
		return err
	}
	return b.sendPhoto(ctx, r.Chat, e.Indicator.Code+".png", png)
}

// sendProgramChart draws a program's progress and sends it.
func (b *Bot) sendProgramChart(ctx context.Context, r *Request, code string, evals []indicator.Evaluation) error {
	png, err := charts.Program(r.P, code, b.today(), evals)
	if err != nil {
		return err
	}
	return b.sendPhoto(ctx, r.Chat, code+".png", png)
}

// cmdExport sends the workbook of the plan's standing and figures.
func (b *Bot) cmdExport(ctx context.Context, r *Request) error {
	if !r.User.Has(store.Leader) && !r.User.Has(store.Admin) {
		return b.reply(ctx, r, r.P.T("bot.export_not_allowed"))
	}
	x, err := sheets.Gather(ctx, sheets.Source{Figures: b.Store.Figures.All, Names: b.Store.People.Names}, b.Plan, b.today(), r.P)
	if err != nil {
		return unavailable(err)
	}
	var buf bytes.Buffer
	if err := x.WriteXLSX(&buf); err != nil {
		return err
	}
	name := fmt.Sprintf("chitieu-%s-%v.xlsx", cmp.Or(b.committeeCode(), b.Plan.Code), b.today())
	return b.sendFile(ctx, r.Chat, name, buf.Bytes(), r.P.T("bot.export_caption", "Date", render.Date(b.today())))
}

// onDocument checks a file of past figures an admin sent and shows what it
// would add; nothing is added before the admin confirms. Like a command,
// a file that reads ends what the admin left unfinished, saying so; one
// refused changes nothing.
func (b *Bot) onDocument(ctx context.Context, r *Request) error {
	doc := r.Document
	if !r.User.Has(store.Admin) {
		return b.reply(ctx, r, r.P.T("bot.file_admin_only", "File", render.Esc(doc.FileName)))
	}
	if isPlanFile(doc.FileName) {
		return b.onPlanFile(ctx, r)
	}
	checked, err := b.checkDocument(ctx, doc)
	if err != nil {
		return b.refuseFile(ctx, r, doc.FileName, err)
	}
	if len(checked.New)+len(checked.Doubtful) == 0 {
		return b.replyKeepingImport(ctx, r, r.P.T("bot.import_nothing_new", "File", render.Esc(doc.FileName), "Known", len(checked.Known)))
	}
	if err := b.abandonCurrent(ctx, r); err != nil {
		return err
	}
	c := Conversation{Step: StepImport, Nonce: newNonce(), File: doc.FileID, FileName: doc.FileName}
	return b.previewImport(ctx, r, c, checked)
}

// readDocument downloads a figures file and reads it, refusing any bad row:
// a row dated in an ended term that still takes figures is read with that
// term's plan (late), the others with the plan in force.
func (b *Bot) readDocument(ctx context.Context, doc *tg.Document, late []*Bot) ([]sheets.Row, error) {
	if !sheets.FiguresFile(doc.FileName) {
		return nil, sheets.ErrNotFigures
	}
	if doc.FileSize > maxImport {
		return nil, ErrTooLarge
	}
	data, err := b.API.Download(ctx, doc.FileID, maxImport)
	if err != nil {
		return nil, err
	}
	others := make([]*indicator.Plan, len(late))
	for i, tb := range late {
		others[i] = tb.Plan
	}
	return sheets.ReadImport(doc.FileName, bytes.NewReader(data), b.Plan, others...)
}

// maxBadRows is how many bad rows of a file a reply lists.
const maxBadRows = 20

// refuseFile says what is wrong with a figures file, and that an import
// the person left waiting still waits: the file changed nothing.
func (b *Bot) refuseFile(ctx context.Context, r *Request, name string, err error) error {
	text, err := b.fileError(r, name, err)
	if err != nil {
		return err
	}
	return b.replyKeepingImport(ctx, r, text)
}

// replyKeepingImport answers a file that changes nothing, saying that an
// import the person left waiting still waits.
func (b *Bot) replyKeepingImport(ctx context.Context, r *Request, text string) error {
	conv, err := b.loadConversation(ctx, r.Chat)
	if err != nil {
		return err
	}
	if conv.Step == StepImport && conv.Owner == r.From.ID {
		text = render.Lines(text, "", r.P.T("bot.import_still_waits", "File", render.Esc(conv.FileName)))
	}
	return b.sendLong(ctx, r, text)
}

// fileError says what is wrong with a file: its type, its size, or its
// bad rows with their line (every one, or the first maxBadRows and how
// many more).
func (b *Bot) fileError(r *Request, name string, err error) (string, error) {
	var bad sheets.RowErrors
	file := render.Esc(name)
	switch {
	case errors.Is(err, sheets.ErrNotFigures):
		return r.P.T("bot.file_type", "File", file), nil
	case errors.Is(err, ErrTooLarge):
		return r.P.T("bot.file_large", "File", file), nil
	case !errors.As(err, &bad):
		return "", err
	case strings.HasPrefix(bad[0].ID, "file.") || bad[0].ID == "csv.empty": // over a cap, or empty: the file as a whole
		return r.P.T("bot.file_refused", "File", file, "Reason", render.Esc(r.P.TMap(bad[0].ID, bad[0].Data))), nil
	}
	shown := min(len(bad), maxBadRows)
	ls := []string{r.P.T("bot.file_bad", "File", file, "Count", len(bad), "Shown", shown)}
	for _, e := range bad[:shown] {
		ls = append(ls, "• "+render.Esc(e.Message(r.P)))
	}
	if more := len(bad) - shown; more > 0 {
		ls = append(ls, r.P.T("bot.file_bad_more", "Count", more))
	}
	return render.Lines(ls...), nil
}
