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
// (sharing its bytes): the array is checked and cut here, and each update
// read when decoded, with no pass that copies each one out first.
func elements(array []byte) ([][]byte, error) {
	rest := bytes.TrimSpace(array)
	if len(rest) < 2 || rest[0] != '[' || rest[len(rest)-1] != ']' || !json.Valid(rest) {
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
// it is not found so (last, or written with escapes) is decoded whole.
func messageID(result []byte) int {
	rest := bytes.TrimSpace(result)
	if len(rest) < 2 || rest[0] != '{' {
		return decodedMessageID(result)
	}
	for rest = rest[1:]; ; {
		key, value, ok := cutKey(rest)
		if !ok {
			return decodedMessageID(result)
		}
		n := valueEnd(value)
		if key == "message_id" {
			if id, err := strconv.Atoi(string(bytes.TrimSpace(value[:n]))); err == nil {
				return id
			}
			return decodedMessageID(result)
		}
		if n == len(value) {
			return decodedMessageID(result)
		}
		rest = value[n+1:]
	}
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
