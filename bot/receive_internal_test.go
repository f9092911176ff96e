package bot

import (
	"bytes"
	"encoding/json"
	"testing"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// TestElementsOfAnArrayAsWritten: getUpdates' result is cut into its
// updates as json reads them, whatever their strings hold; what is not an
// array is an error. (The result was read as JSON by the library before.)
func TestElementsOfAnArrayAsWritten(t *testing.T) {
	for _, array := range []string{
		`[]`, ` [ ] `, `[1]`, `[{"update_id":1,"message":{"text":"a, [b] {c}"}}, {"update_id":2}]`,
		`[{"text":"\"quoted\", \\ back, \\\"x\""},{"n":[1,[2,{"a":","}]]},"s,]",null,true,-1.5e3]`,
		"[\n  {\"a\": \"\\u005b\"} ,\n  {\"b\": {}}\n]",
	} {
		got, err := elements([]byte(array))
		var want []json.RawMessage
		if json.Unmarshal([]byte(array), &want) != nil || err != nil {
			t.Fatalf("%s: %v", array, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d elements, want %d", array, len(got), len(want))
		}
		for i := range got {
			if !bytes.Equal(got[i], bytes.TrimSpace(want[i])) {
				t.Errorf("%s: element %d is %s, want %s", array, i, got[i], want[i])
			}
		}
	}
	for _, bad := range []string{``, ` `, `{}`, `[{"a":1}`, `{"a":[1]}`, `null`, `1`} {
		if got, err := elements([]byte(bad)); err == nil {
			t.Errorf("%q read as %q", bad, got)
		}
	}
}

// TestTheIDOfAMessageSent is read off Telegram's answer as json reads it:
// the top level's message_id, never one of a message inside it; one not
// found first is decoded whole.
func TestTheIDOfAMessageSent(t *testing.T) {
	for _, c := range []struct {
		answer string
		want   int
	}{
		{`{"message_id":4711,"text":"a, \"b\" {c} [d]"}`, 4711},
		{` { "chat" : {"id":5,"message_id":9}, "text":"x,\"message_id\":3", "message_id" : 12 , "date":1}`, 12},
		{`{"reply_to_message":{"message_id":3,"entities":[{"a":[1,2]}]},"message_id":7,"date":1}`, 7},
		{`{"reply_to_message":{"date":1,"message_id":3,"text":"x"},"message_id":7,"date":1}`, 7},
		{`{"message_id":8}`, 8},
		{`{"date":1,"message_id":8}`, 8},
		{`{"message\u005fid":6,"date":1}`, 6},
		{`{"text":"x"}`, 0},
		{`{"message_id":"x","date":1}`, 0},
		{`true`, 0}, {`[]`, 0}, {``, 0}, {`{}`, 0},
	} {
		if got := messageID([]byte(c.answer)); got != c.want {
			t.Errorf("%s: message %d, want %d", c.answer, got, c.want)
		}
	}
	m := tg.Message{MessageID: 31337, From: &tg.User{ID: 1, FirstName: "bot"}, Chat: &tg.Chat{ID: 10001, Type: "private"},
		Text: "✅ Đã lưu <b>CT01.2</b>: 100%", ReplyToMessage: &tg.Message{MessageID: 5, Text: "CT01.2: 100%"}}
	answer, _ := json.Marshal(m)
	if got := messageID(answer); got != m.MessageID {
		t.Errorf("%s: message %d, want %d", answer, got, m.MessageID)
	}
}
