package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
)

// The Bot API's answers are decoded whole by the library; what the bot
// reads of them again (the updates of a batch, the id of a message sent)
// is cut out of the bytes here rather than decoded a second time.

// elements are the values of a JSON array, as they are written in it
// (sharing its bytes), each update read when decoded, with no pass that
// copies each one out first. The array is getUpdates' result as the
// library decoded it, which read it as JSON whole: it is not checked a
// second time (that was a tenth of what polling cost an update), only
// that it is an array; an element cut wrong would not decode.
func elements(array []byte) ([][]byte, error) {
	rest := bytes.TrimSpace(array)
	if len(rest) < 2 || rest[0] != '[' || rest[len(rest)-1] != ']' {
		return nil, errNotAnArray
	}
	var out [][]byte
	for rest = rest[1 : len(rest)-1]; len(bytes.TrimSpace(rest)) > 0; {
		n := valueEnd(rest)
		out = append(out, bytes.TrimSpace(rest[:n]))
		rest = rest[min(n+1, len(rest)):] // past the comma
	}
	return out, nil
}

var errNotAnArray = errors.New("getUpdates: the result is not an array")

// valueEnd is where the first value of valid JSON list items ends: the
// comma after it at depth 0, or the end.
func valueEnd(b []byte) int {
	depth, inString := 0, false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		case c == ',' && depth == 0:
			return i
		}
	}
	return len(b)
}

// messageID is the message_id of the message an answer holds (0 when it
// names none). Telegram writes it first: it is read off the object's top
// level, not decoded with the rest (the text, the entities), which was
// most of what a reply cost the bot after its HTTP call. An answer where
// it is not found so (written with escapes, or not an object) is decoded
// whole.
func messageID(result []byte) int {
	id, found := 0, false
	scanned := eachMember(result, func(key string, value []byte) bool {
		if key != "message_id" {
			return true
		}
		n, err := strconv.Atoi(string(value))
		id, found = n, err == nil
		return false
	})
	if !scanned || !found {
		return decodedMessageID(result)
	}
	return id
}

// eachMember calls f with each member of a JSON object's top level, its
// key as written and its value (sharing obj's bytes), until f returns
// false; false when obj is not an object it can cut so (a key written with
// escapes is left to a decoder).
func eachMember(obj []byte, f func(key string, value []byte) bool) bool {
	obj = bytes.TrimSpace(obj)
	if len(obj) < 2 || obj[0] != '{' || obj[len(obj)-1] != '}' {
		return false
	}
	for rest := obj[1 : len(obj)-1]; len(bytes.TrimSpace(rest)) > 0; {
		key, value, ok := cutKey(rest)
		if !ok {
			return false
		}
		n := valueEnd(value)
		if !f(key, bytes.TrimSpace(value[:n])) || n == len(value) {
			return true
		}
		rest = value[n+1:]
	}
	return true
}

// cutKey reads `"key":` off the start of an object's member, and returns
// the key as written and what follows the colon.
func cutKey(b []byte) (string, []byte, bool) {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '"' {
		return "", nil, false
	}
	end := bytes.IndexByte(b[1:], '"') + 1
	if end < 1 || bytes.IndexByte(b[1:end], '\\') >= 0 {
		return "", nil, false // no end, or an escape: left to the decoder
	}
	after := bytes.TrimLeft(b[end+1:], " \t\r\n")
	if len(after) == 0 || after[0] != ':' {
		return "", nil, false
	}
	return string(b[1:end]), after[1:], true
}

func decodedMessageID(result []byte) int {
	var sent struct {
		MessageID int `json:"message_id"`
	}
	json.Unmarshal(result, &sent) // it was sent: an answer that does not read is no failure
	return sent.MessageID
}

// leanAnswer is the Bot API's answer to a message sent or edited, cut to
// the message's id: {"ok":true,"result":{"message_id":N}}. Telegram
// answers with the whole message (its text, entities and keyboard), which
// the library decodes whole, though the bot reads no more of it than the
// id (API.Send). An answer that is not such (a refusal, a result that is
// not a message, bytes that are not an object) is given as it came, for
// the library to read or fail on. The answer is cut, not checked whole:
// its top level and the message's id are read, which costs a fifth of
// decoding it.
func leanAnswer(body []byte) []byte {
	var ok, result []byte
	scanned := eachMember(body, func(key string, value []byte) bool {
		switch key {
		case "ok":
			ok = value
		case "result":
			result = value
		}
		return true
	})
	if !scanned || string(ok) != "true" || len(result) == 0 || result[0] != '{' {
		return body
	}
	id := messageID(result)
	if id == 0 {
		return body
	}
	return append(strconv.AppendInt([]byte(`{"ok":true,"result":{"message_id":`), int64(id), 10), "}}"...)
}
