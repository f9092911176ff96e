package main

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"chitieu/bot"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/store"
	"chitieu/telegramtest"
)

// tryTerminal runs the trial bot on the fake Bot API server, with the
// terminal as the chat: typed lines are messages, a number presses a
// button of the latest message that has buttons. Alerts reach the
// terminal through the outbox, as on Telegram.
func (c *cli) tryTerminal(ctx context.Context, cfg *Config, plan *indicator.Plan, s *store.Store, now func() time.Time) error {
	var cl cleanups
	defer cl.run()
	srv := telegramtest.New(&cl, telegramtest.Options{PerChatBurst: 20})
	me := telegramtest.User{ID: 1001, FirstName: "Nguyễn Văn An", Lang: c.p.Lang()}
	if err := tryPerson(ctx, s, me); err != nil {
		return err
	}
	b, sender, err := c.tryBot(ctx, cfg, plan, s, telegramtest.Token, srv.Endpoint(), now)
	if err != nil {
		return err
	}
	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); b.Poll(runCtx, b.API.(*bot.API)) }()
	go func() { defer wg.Done(); sender.Run(runCtx) }()
	defer func() { stop(); wg.Wait() }()
	fmt.Fprintln(c.stdout, c.p.T("try.terminal"))
	dir, err := os.MkdirTemp("", "chitieu-try-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir) // nothing of the trial is kept, its files neither
	t := &terminal{srv: srv, store: s, me: me, out: c.stdout, seen: map[int]string{}, dir: dir, p: c.p}
	return t.chat(ctx, c.stdin)
}

// tryPerson makes the person at the terminal an admin, a leader and a
// reporter of tryUnit.
func tryPerson(ctx context.Context, s *store.Store, u telegramtest.User) error {
	if _, err := s.People.EnsureAdmin(ctx, store.Profile{ID: u.ID, Name: u.FirstName, Lang: u.Lang}); err != nil {
		return err
	}
	_, err := s.People.SetAccess(ctx, 0, u.ID, []store.Role{store.Admin, store.Leader, store.Reporter}, tryUnit)
	return err
}

// cleanups runs functions at the end, as a test's Cleanup does.
type cleanups struct{ fns []func() }

func (c *cleanups) Cleanup(f func()) { c.fns = append(c.fns, f) }

func (c *cleanups) run() {
	for i := len(c.fns) - 1; i >= 0; i-- {
		c.fns[i]()
	}
}

// terminal is the chat shown in a terminal.
type terminal struct {
	srv     *telegramtest.Server
	store   *store.Store
	me      telegramtest.User
	out     io.Writer
	seen    map[int]string // message id → the text shown
	buttons []telegramtest.Button
	owner   int    // the message the numbered buttons belong to
	answers int    // the button answers already shown
	dir     string // where pictures and workbooks are written
	p       *locales.Printer
}

// chat reads lines until the input ends or ctx does (Ctrl-C), so that
// the trial ends, and cleans up, either way.
func (t *terminal) chat(ctx context.Context, in io.Reader) error {
	lines, failed := readLines(in)
	for fmt.Fprint(t.out, "> "); ; fmt.Fprint(t.out, "> ") {
		var line string
		var ok bool
		select {
		case line, ok = <-lines:
		case <-ctx.Done():
		}
		switch {
		case ctx.Err() != nil:
			fmt.Fprintln(t.out)
			return nil
		case !ok:
			fmt.Fprintln(t.out)
			return <-failed
		}
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		if refusal := t.refuse(line); refusal != "" {
			fmt.Fprintln(t.out, refusal)
			continue
		}
		if err := t.wait(ctx, t.input(line)); err != nil && ctx.Err() == nil {
			return err
		}
		t.settle(ctx)
		t.show()
	}
}

// readLines reads in line by line on a goroutine of its own (a read of a
// terminal cannot be interrupted): lines is closed at the input's end,
// then failed says how it ended. When ctx ends first, the trial ends
// without waiting for them.
func readLines(in io.Reader) (lines <-chan string, failed <-chan error) {
	out, errs := make(chan string), make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			out <- sc.Text()
		}
		errs <- sc.Err()
		close(out)
	}()
	return out, errs
}

// refuse says why a line is not sent, or "": a file that cannot be read,
// a button the latest message does not have.
func (t *terminal) refuse(line string) string {
	if path, ok := strings.CutPrefix(line, "@"); ok && !readable(strings.TrimSpace(path)) {
		return t.p.T("try.no_file", "Path", strings.TrimSpace(path))
	}
	if n, err := strconv.Atoi(strings.TrimPrefix(line, "#")); strings.HasPrefix(line, "#") && err == nil && (n < 1 || n > len(t.buttons)) {
		return t.p.T("try.no_button", "N", n, "Count", len(t.buttons))
	}
	return ""
}

// readable reports whether path is a file that can be read.
func readable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// input sends a line as a message, presses the button "#n" (a plain
// number is a message, a figure, never a press), or sends the file at
// PATH for "@PATH" (a plan .yaml, figures .csv or .xlsx).
func (t *terminal) input(line string) int {
	if n, err := strconv.Atoi(strings.TrimPrefix(line, "#")); strings.HasPrefix(line, "#") && err == nil && n >= 1 && n <= len(t.buttons) {
		return t.srv.Press(t.me, t.owner, t.buttons[n-1].Data)
	}
	if path, ok := strings.CutPrefix(line, "@"); ok {
		if data, err := os.ReadFile(strings.TrimSpace(path)); err == nil {
			return t.srv.SendDocument(t.me, filepath.Base(strings.TrimSpace(path)), data)
		}
	}
	return t.srv.SendText(t.me, line)
}

// wait waits until the bot has handled an update.
func (t *terminal) wait(ctx context.Context, id int) error {
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if ok, err := t.store.Updates.Handled(ctx, id); ok || err != nil {
			return err
		}
	}
	return fmt.Errorf("the bot did not answer in 30s")
}

// settle gives the outbox a moment to deliver what the update pushed (an
// alert after an off-track figure).
func (t *terminal) settle(ctx context.Context) {
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if n, err := t.store.Pushes.Depth(ctx); n == 0 || err != nil {
			return
		}
	}
}

// show prints the messages whose text is new since last time, with their
// buttons numbered, a picture or a workbook as the file it was written to,
// and what a pressed button answered (an old button says it is old).
func (t *terminal) show() {
	for _, m := range t.srv.Sent(t.me.ID) {
		if shown, ok := t.seen[m.ID]; ok && shown == m.Text {
			continue
		}
		t.seen[m.ID] = m.Text
		fmt.Fprintln(t.out, plain(m.Text))
		t.saveFile(m)
		t.numberButtons(m) // the latest message's buttons, none when it has none
	}
	answers := t.srv.Answers()
	for _, a := range answers[t.answers:] {
		if a.Text != "" {
			fmt.Fprintln(t.out, "🤖 "+a.Text)
		}
	}
	t.answers = len(answers)
}

// saveFile writes a message's picture or workbook into the trial's folder
// and prints its path.
func (t *terminal) saveFile(m telegramtest.Message) {
	if m.File == nil {
		return
	}
	path := filepath.Join(t.dir, fmt.Sprintf("%d-%s", m.ID, filepath.Base(m.File.Name)))
	if err := os.WriteFile(path, m.File.Data, 0o600); err != nil {
		fmt.Fprintln(t.out, "   "+err.Error())
		return
	}
	fmt.Fprintln(t.out, "   "+t.p.T("try.file", "Path", path))
}

// numberButtons makes m's buttons the ones #1, #2… press, and shows them.
func (t *terminal) numberButtons(m telegramtest.Message) {
	t.buttons, t.owner = nil, m.ID
	if len(m.Keyboard) == 0 {
		return
	}
	var labels []string
	for _, row := range m.Keyboard {
		for _, b := range row {
			t.buttons = append(t.buttons, b)
			labels = append(labels, fmt.Sprintf("[#%d] %s", len(t.buttons), b.Text))
		}
	}
	fmt.Fprintln(t.out, "   "+strings.Join(labels, "   "))
}

var tagPattern = regexp.MustCompile(`<[^>]*>`)

// plain turns Telegram HTML into terminal text.
func plain(s string) string {
	return "🤖 " + strings.ReplaceAll(html.UnescapeString(tagPattern.ReplaceAllString(s, "")), "\n", "\n   ")
}
