package main

import (
	"errors"
	"flag"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"chitieu/bot"
	"chitieu/store"
)

// sayError is a refusal the command line says in the catalog's words, in
// the reader's language: its message id and the message's data.
type sayError struct {
	id   string
	args []any
}

// say is the refusal of message id with its data, as key-value pairs.
func say(id string, args ...any) error { return &sayError{id: id, args: args} }

func (e *sayError) Error() string { return e.id }

// fileError is a file that could not be read or written.
type fileError struct {
	path  string
	write bool
	err   error
}

func (e *fileError) Error() string { return e.path + ": " + e.err.Error() }

func (e *fileError) Unwrap() error { return e.err }

// writing is err, from writing the file at path, as a fileError.
func writing(path string, err error) error {
	if err == nil {
		return nil
	}
	return &fileError{path: path, write: true, err: err}
}

// words says err as the command line says it: each refusal in the
// catalog's words, a file or Redis that failed with what to do, every
// error joined on a line of its own; anything else as it is.
func (c *cli) words(cfg *Config, err error) string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var ls []string
		for _, e := range j.Unwrap() {
			ls = append(ls, c.words(cfg, e))
		}
		return strings.Join(ls, "\n")
	}
	var se *sayError
	var fe *fileError
	var pe *fs.PathError
	var ue *store.UnreachableError
	switch {
	case errors.As(err, &se):
		return c.p.T(se.id, se.args...)
	case errors.As(err, &fe):
		return c.fileWords(fe.path, fe.write, fe.err)
	case errors.As(err, &pe):
		return c.fileWords(pe.Path, false, pe.Err)
	case errors.Is(err, bot.ErrUnreachable):
		return c.p.T("cli.telegram_unreachable")
	case errors.As(err, &ue):
		return c.p.T("cli.redis_unreachable", "Addr", strings.Join(ue.Addrs, ", "), "Refused", errors.Is(ue.Err, syscall.ECONNREFUSED),
			"Detail", ue.Err.Error())
	}
	return c.termError(cfg, err).Error()
}

// fileWords says why a file could not be read or written.
func (c *cli) fileWords(path string, write bool, err error) string {
	var reason string
	switch {
	case errors.Is(err, fs.ErrNotExist) && write:
		reason = c.p.T("file.dir_missing", "Dir", filepath.Dir(path))
	case errors.Is(err, fs.ErrNotExist):
		reason = c.p.T("file.not_exist")
	case errors.Is(err, fs.ErrPermission):
		reason = c.p.T("file.denied")
	case errors.Is(err, syscall.EISDIR):
		reason = c.p.T("file.is_dir")
	default:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		reason = err.Error()
	}
	if write {
		return c.p.T("cli.file_write", "File", path, "Reason", reason)
	}
	return c.p.T("cli.file_read", "File", path, "Reason", reason)
}

// flagError says in the catalog's words what the flag package refused:
// a flag the command does not have (naming those it has), a flag without
// its value, a value that does not read.
func (c *cli) flagError(cfg *Config, fs *flag.FlagSet, err error) error {
	msg := err.Error()
	name := func(prefix string) string { return "--" + strings.TrimLeft(strings.TrimPrefix(msg, prefix), "-") }
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return say("cli.unknown_flag", "Command", fs.Name(), "Flag", name("flag provided but not defined: "), "Flags", c.ownFlags(cfg, fs))
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return say("cli.flag_needs_value", "Flag", name("flag needs an argument: "))
	case strings.HasPrefix(msg, "invalid value "), strings.HasPrefix(msg, "invalid boolean value "):
		value, rest, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(msg, "invalid value "), "invalid boolean value "), " for ")
		flagName, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(rest, "flag "), "-"), ":")
		return say("cli.flag_value", "Flag", "--"+flagName, "Value", strings.Trim(value, `"`))
	}
	return say("cli.flag_syntax", "Detail", msg)
}

// ownFlags names the command's own flags, beside the settings every
// command takes: "--figures, --format, --on, --term".
func (c *cli) ownFlags(cfg *Config, fs *flag.FlagSet) string {
	var settings []string
	for _, s := range cfg.settings() {
		settings = append(settings, s.flag)
	}
	var out []string
	fs.VisitAll(func(f *flag.Flag) {
		if !slices.Contains(settings, f.Name) {
			out = append(out, "--"+f.Name)
		}
	})
	return strings.Join(out, ", ")
}

// usageOf is the lines of the usage that tell command (its name and its
// words, "chitieu plan apply"), without the others.
func (c *cli) usageOf(command string) string {
	var out []string
	in := false
	for _, l := range strings.Split(c.p.T("usage"), "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "chitieu "):
			in = strings.HasPrefix(t+" ", command+" ")
		case t == "" || !strings.HasPrefix(l, "   "): // not a line that goes on from a command's
			in = false
		}
		if in {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
