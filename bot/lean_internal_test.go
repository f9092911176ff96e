package bot

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// TestAMessageSentIsAnsweredLean: Telegram's answer to a message sent is
// cut to the message's id, which is all the bot reads of it; an answer
// that is not a message sent (a refusal, a result that is no message,
// bytes that are not JSON) is handed on as it came.
func TestAMessageSentIsAnsweredLean(t *testing.T) {
	m := tg.Message{MessageID: 31337, From: &tg.User{ID: 1, FirstName: "bot"}, Chat: &tg.Chat{ID: 10001, Type: "private"},
		Text: "✅ Đã lưu <b>CT01.2</b>: 100%, \"đúng hạn\" {x} [y]", ReplyToMessage: &tg.Message{MessageID: 5, Text: "CT01.2: 100%"}}
	whole, _ := json.Marshal(m)
	lean := func(id string) string { return `{"ok":true,"result":{"message_id":` + id + `}}` }
	for _, c := range []struct{ answer, want string }{
		{`{"ok":true,"result":` + string(whole) + `}`, lean("31337")},
		{` {"result":{"chat":{"id":9,"message_id":2},"message_id":12}, "description":"x", "ok" : true } `, lean("12")},
		{`{"ok":true,"result":{"message\u005fid":6,"date":1}}`, lean("6")},
		{`{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}`, ""},
		{`{"ok":true,"result":true}`, ""},
		{`{"ok":true,"result":{"text":"no id"}}`, ""},
		{`{"ok":"true","result":{"message_id":5}}`, ""},
		{`{"ok":true,"result":{"message_id":5}`, ""},
		{`{"ok":true,"result":{"message_id":5}}}`, ""},
		{`[{"ok":true}]`, ""}, {``, ""},
	} {
		want := c.want
		if want == "" {
			want = c.answer
		}
		if got := string(leanAnswer([]byte(c.answer))); got != want {
			t.Errorf("%s: handed on %s, want %s", c.answer, got, want)
		}
	}
}

// TestTheLibraryIsHandedLeanAnswersOnly: through the HTTP client the
// library calls, a message sent or edited comes back with its id, every
// other method's answer (the bot's own user, a file's path) and every
// refusal whole, and an answer cut short fails the call as before.
func TestTheLibraryIsHandedLeanAnswersOnly(t *testing.T) {
	sent := `{"ok":true,"result":{"message_id":77,"chat":{"id":5,"type":"private"},"date":1,"text":"dài, rất dài"}}`
	answers := map[string]string{
		"getMe":       `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"Chỉ tiêu","username":"chitieu_bot"}}`,
		"getFile":     `{"ok":true,"result":{"file_id":"f","file_size":12,"file_path":"documents/a.csv","message_id":3}}`,
		"sendMessage": sent, "editMessageText": sent, "sendDocument": sent,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
		switch {
		case r.FormValue("chat_id") == "429":
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}`)
		case r.FormValue("chat_id") == "cut":
			w.Header().Set("Content-Length", "500")
			io.WriteString(w, sent[:40])
		default:
			io.WriteString(w, answers[method])
		}
	}))
	defer srv.Close()
	d := &ctxDoer{client: srv.Client()}
	call := func(method, chat string) (string, error) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/botT/"+method, strings.NewReader("chat_id="+chat))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := d.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return string(body), err
	}
	for method, want := range map[string]string{"sendMessage": `{"ok":true,"result":{"message_id":77}}`,
		"editMessageText": `{"ok":true,"result":{"message_id":77}}`, "getMe": answers["getMe"], "getFile": answers["getFile"]} {
		if got, err := call(method, "5"); got != want || err != nil {
			t.Errorf("%s: the library was handed %s (%v), want %s", method, got, err, want)
		}
	}
	if got, _ := call("sendMessage", "429"); !strings.Contains(got, `"retry_after":1`) {
		t.Errorf("a refusal was handed on as %s", got)
	}
	if _, err := call("sendMessage", "cut"); err == nil {
		t.Error("an answer cut short was handed on as whole")
	}

	api, err := NewAPI("T", srv.URL+"/bot%s/%s", srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	if api.Username() != "chitieu_bot" {
		t.Errorf("the bot's own user read as %q", api.Username())
	}
	got, err := api.Send(context.Background(), tg.NewMessage(5, "x"))
	if err != nil || got.MessageID != 77 {
		t.Errorf("Send: message %d (%v), want 77", got.MessageID, err)
	}
}
