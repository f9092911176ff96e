package bot

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"chitieu/indicator"
	"chitieu/store"
)

// Step is where a conversation stands.
type Step int

// The steps of the conversations. A step's number is kept in Redis with
// the conversation (30 minutes): a new step takes a new number, and a
// number is never given to another step (TestStepNumbersNeverChange).
const (
	StepNone       Step = 0
	StepPick       Step = 1  // /baocao: choosing an indicator
	StepFigure     Step = 2  // /baocao: typing the figure
	StepConfirm    Step = 3  // /baocao: confirming the figure as understood
	StepReason     Step = 4  // /baocao: the reason for an off-track figure
	StepFixPick    Step = 5  // /sua: choosing one of one's figures
	StepFixFigure  Step = 6  // /sua: typing the right figure
	StepFixReason  Step = 7  // /sua: why it is corrected
	StepInviteRole Step = 8  // /moi: choosing the role
	StepInviteUnit Step = 9  // /moi: choosing the unit
	StepUsers      Step = 10 // /nguoidung: choosing a person
	StepUser       Step = 11 // /nguoidung: changing one person
	StepUserUnit   Step = 12 // /nguoidung: choosing a person's unit
	StepImport     Step = 13 // a file of figures: confirming the import
	StepPlan       Step = 14 // a plan file: confirming the new version
	StepRevoke     Step = 15 // /moi: choosing an open invite to revoke
)

// Conversation is a chat's state between two updates. It lives in Redis,
// so a restart or another instance carries it on.
type Conversation struct {
	Step      Step           `json:"step"`
	Nonce     string         `json:"nonce"`   // the buttons of this conversation carry it
	Owner     int64          `json:"owner"`   // who started it: only they may take its steps
	Message   int            `json:"message"` // the message whose buttons belong to it
	Indicator string         `json:"indicator,omitempty"`
	Date      indicator.Date `json:"date,omitempty"`
	// Term is the id of the ended term a report goes to, "" for the
	// current one.
	Term     string     `json:"term,omitempty"`
	Text     string     `json:"text,omitempty"` // the figure as typed
	Value    float64    `json:"value,omitempty"`
	Key      string     `json:"key,omitempty"` // the save's idempotency key
	Figure   int64      `json:"figure,omitempty"`
	Version  int        `json:"version,omitempty"`
	Role     store.Role `json:"role,omitempty"`
	Person   int64      `json:"person,omitempty"`
	File     string     `json:"file,omitempty"` // a sent file's Telegram id
	FileName string     `json:"file_name,omitempty"`
	// Done is the update that ended the conversation and Reply what it
	// said: the same update handled again (its reply was lost) says it
	// again instead of finding no conversation.
	Done  int    `json:"done,omitempty"`
	Reply string `json:"reply,omitempty"`
}

func newNonce() string {
	b := make([]byte, 5)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))
}

// firstRead is what the update's first round trip (store.Begin) read: the
// sender and the chat's conversation. Handlers take them from it instead
// of reading them again. It also holds the update's last write of the
// conversation until the update next calls Telegram or is marked handled,
// so that a write after the reply shares the mark's round trip.
type firstRead struct {
	begun   store.Begun
	person  int64
	chat    int64
	changed bool                     // the update wrote the chat's conversation since
	pending *store.ConversationWrite // that write, when not yet sent
}

type firstReadKey struct{}

// withFirstRead gives the update's handlers what Begin read.
func withFirstRead(ctx context.Context, f *firstRead) context.Context {
	return context.WithValue(ctx, firstReadKey{}, f)
}

func firstReadOf(ctx context.Context) *firstRead {
	f, _ := ctx.Value(firstReadKey{}).(*firstRead)
	return f
}

// readPerson reads a person, from the update's first round trip when it
// read them.
func (b *Bot) readPerson(ctx context.Context, id int64) (store.User, error) {
	if f := firstReadOf(ctx); f != nil && f.person == id {
		return f.begun.Person()
	}
	return b.Store.People.Get(ctx, id)
}

// readConversation reads a chat's conversation: as the update last wrote
// it, or as its first round trip read it, or from the store.
func (b *Bot) readConversation(ctx context.Context, chat int64) ([]byte, error) {
	f := firstReadOf(ctx)
	switch {
	case f == nil || f.chat != chat:
		return b.Store.Chats.Conversation(ctx, chat)
	case f.pending != nil && f.pending.State == nil:
		return nil, store.ErrNotFound
	case f.pending != nil:
		return f.pending.State, nil
	case !f.changed:
		return f.begun.Conversation()
	}
	return b.Store.Chats.Conversation(ctx, chat)
}

// writeConversation keeps or (state nil) ends a chat's conversation. The
// update's own chat's is held back until the update next calls Telegram
// (flush) or is marked handled, whichever comes first.
func (b *Bot) writeConversation(ctx context.Context, w store.ConversationWrite) error {
	if f := firstReadOf(ctx); f != nil && f.chat == w.Chat {
		f.pending, f.changed = &w, true
		return nil
	}
	return b.sendWrite(ctx, w)
}

// flush sends the conversation's write held back, before a call to
// Telegram: what the chat is told never runs ahead of what is kept.
func (b *Bot) flush(ctx context.Context) error {
	f := firstReadOf(ctx)
	if f == nil || f.pending == nil {
		return nil
	}
	if err := b.sendWrite(ctx, *f.pending); err != nil {
		return err
	}
	f.pending = nil
	return nil
}

func (b *Bot) sendWrite(ctx context.Context, w store.ConversationWrite) error {
	var err error
	if w.State == nil {
		err = b.Store.Chats.End(ctx, w.Chat)
	} else {
		err = b.Store.Chats.Save(ctx, w.Chat, w.State, w.TTL)
	}
	return unavailable(err)
}

// loadConversation reads the chat's conversation; none is StepNone.
func (b *Bot) loadConversation(ctx context.Context, chat int64) (Conversation, error) {
	data, err := b.readConversation(ctx, chat)
	if errors.Is(err, store.ErrNotFound) {
		return Conversation{}, nil
	}
	if err != nil {
		return Conversation{}, unavailable(err)
	}
	var c Conversation
	if err := json.Unmarshal(data, &c); err != nil {
		return Conversation{}, nil // a state from an older version: start afresh
	}
	return c, nil
}

// saveConversation keeps the conversation for ConversationTTL more.
func (b *Bot) saveConversation(ctx context.Context, chat int64, c Conversation) error {
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return b.writeConversation(ctx, store.ConversationWrite{Chat: chat, State: data, TTL: b.ConversationTTL})
}

// finish ends the conversation with a reply, remembering both, so that
// the update handled again says the same (see Conversation.Done).
func (b *Bot) finish(ctx context.Context, r *Request, text string) error {
	if err := b.remember(ctx, r, text); err != nil {
		return err
	}
	return b.reply(ctx, r, text)
}

// remember ends the conversation, keeping the update that ended it and
// what it says (see finish).
func (b *Bot) remember(ctx context.Context, r *Request, text string) error {
	return b.saveConversation(ctx, r.Chat, Conversation{Owner: r.From.ID, Done: r.Update.UpdateID, Reply: text})
}

// again reports whether the request is the update that ended the
// conversation, and if so says its reply again.
func (b *Bot) again(ctx context.Context, r *Request, c Conversation) (bool, error) {
	if c.Done == 0 || c.Done != r.Update.UpdateID {
		return false, nil
	}
	if r.Callback != nil {
		b.answerSoftly(ctx, r, "")
	}
	return true, b.reply(ctx, r, c.Reply)
}

func (b *Bot) endConversation(ctx context.Context, chat int64) error {
	return b.writeConversation(ctx, store.ConversationWrite{Chat: chat})
}

// Action is what a button does.
type Action string

// The buttons' actions.
const (
	ActPick      Action = "pick"   // an indicator to report
	ActOK        Action = "ok"     // save as understood
	ActReplace   Action = "repl"   // a second count of the day replaces the first
	ActAgain     Action = "again"  // type the figure again
	ActCancel    Action = "cancel" // end the conversation
	ActFix       Action = "fix"    // a figure to correct
	ActRole      Action = "role"   // an invite's role
	ActUnit      Action = "unit"   // an invite's or a person's unit
	ActPerson    Action = "person" // a person to change
	ActToggle    Action = "toggle" // give or take a role
	ActBlock     Action = "block"  // block or unblock
	ActOpen      Action = "open"   // list the open invites, to revoke one
	ActRevoke    Action = "revoke" // revoke an open invite
	ActSetUnit   Action = "setunit"
	ActUsersBack Action = "back"
	ActTerm      Action = "term" // show a finished term (no conversation: viewNonce)
)

var actions = map[Action]bool{ActPick: true, ActOK: true, ActReplace: true, ActAgain: true, ActCancel: true, ActFix: true,
	ActRole: true, ActUnit: true, ActPerson: true, ActToggle: true, ActBlock: true, ActSetUnit: true, ActUsersBack: true, ActTerm: true,
	ActOpen: true, ActRevoke: true, ActDraft: true}

// Callback is a button's data: nonce:action:argument, at most 64 bytes.
type Callback struct {
	Nonce  string
	Action Action
	Arg    string
}

func (c Callback) String() string { return c.Nonce + ":" + string(c.Action) + ":" + c.Arg }

// ParseCallback reads button data; anything not made by the bot is refused.
func ParseCallback(data string) (Callback, error) {
	parts := strings.SplitN(data, ":", 3)
	if len(data) > 64 || len(parts) != 3 || len(parts[0]) != 8 || !actions[Action(parts[1])] {
		return Callback{}, fmt.Errorf("bad callback data %q", data)
	}
	return Callback{Nonce: parts[0], Action: Action(parts[1]), Arg: parts[2]}, nil
}
