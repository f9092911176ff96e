package telegramtest

import (
	"errors"
	"fmt"
	"strings"
)

// tags are the HTML tags Telegram accepts.
var tags = map[string]bool{"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true,
	"s": true, "strike": true, "del": true, "a": true, "code": true, "pre": true, "tg-spoiler": true, "span": true}

// CheckHTML reports what Telegram would refuse in a text sent with
// parse_mode HTML: an unknown or unclosed tag, a bare < or &.
func CheckHTML(text string) error {
	var open []string
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '<':
			end := strings.IndexByte(text[i:], '>')
			if end < 0 {
				return fmt.Errorf("unclosed start tag at byte offset %d", i)
			}
			var err error
			if open, err = tag(text[i+1:i+end], open); err != nil {
				return fmt.Errorf("%w at byte offset %d", err, i)
			}
			i += end
		case '&':
			end := strings.IndexByte(text[i:], ';')
			if end < 0 || !entity(text[i+1:i+end]) {
				return fmt.Errorf("unsupported entity at byte offset %d", i)
			}
		}
	}
	if len(open) > 0 {
		return fmt.Errorf("unclosed tag %q", open[len(open)-1])
	}
	return nil
}

func tag(body string, open []string) ([]string, error) {
	if name, ok := strings.CutPrefix(body, "/"); ok {
		if len(open) == 0 || open[len(open)-1] != name {
			return open, errors.New("unmatched end tag " + name)
		}
		return open[:len(open)-1], nil
	}
	name, _, _ := strings.Cut(body, " ")
	if !tags[name] {
		return open, errors.New("unsupported start tag " + name)
	}
	return append(open, name), nil
}

func entity(name string) bool {
	switch name {
	case "lt", "gt", "amp", "quot":
		return true
	}
	return strings.HasPrefix(name, "#") && len(name) > 1
}
