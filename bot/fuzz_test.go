package bot

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// FuzzCallbackData: no panic, and data accepted is the bot's own form.
func FuzzCallbackData(f *testing.F) {
	for _, s := range []string{"abcdefgh:pick:CT01.1", "abcdefgh:ok:", "x:y:z", "", "::", "abcdefgh:toggle:admin"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		cb, err := ParseCallback(data)
		if err != nil {
			return
		}
		if cb.String() != data || len(data) > 64 || !actions[cb.Action] {
			t.Fatalf("accepted %q as %+v", data, cb)
		}
	})
}

// FuzzUpdate: any JSON Telegram (or someone posting to the webhook) sends
// is read without a panic, and what is read is bounded.
func FuzzUpdate(f *testing.F) {
	f.Add(`{"update_id":1,"message":{"message_id":1,"from":{"id":7},"chat":{"id":7,"type":"private"},"text":"/baocao CT01.1 8","entities":[{"type":"bot_command","offset":0,"length":7}]}}`)
	f.Add(`{"update_id":2,"callback_query":{"id":"q","from":{"id":7},"message":{"message_id":3,"chat":{"id":7}},"data":"abcdefgh:ok:"}}`)
	f.Add(`{"update_id":3,"message":{"message_id":1,"from":{"id":7},"chat":{"id":-5,"type":"group"},"document":{"file_id":"d","file_name":"a.csv"}}}`)
	f.Add(`{"update_id":4,"message":{"message_id":1,"from":{"id":7},"chat":{"id":7},"text":"/x","entities":[{"type":"bot_command","offset":0,"length":99}]}}`)
	f.Fuzz(func(t *testing.T, body string) {
		var u tg.Update
		if json.Unmarshal([]byte(body), &u) != nil {
			return
		}
		r := newRequest(u)
		if r == nil {
			return
		}
		r.kind()
		if utf8.RuneCountInString(r.Text) > maxText {
			t.Fatalf("read %d characters", utf8.RuneCountInString(r.Text))
		}
	})
}
