// Command chitieu is the chitieu bot and its tools: check a plan, see every
// indicator's status, try the bot with no setup.
package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // the plan's time zone loads even on an image without zoneinfo

	"chitieu/store"
)

func main() { os.Exit(run()) }

func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	store.LogLibraryTo(libraryLog(os.Args[1:], os.Stderr))
	c := &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, now: time.Now}
	return c.run(ctx, os.Args[1:])
}

// libraryLog is where what the Redis library logs by itself goes: JSON
// lines on stderr for serve, which a supervisor runs and logs; nowhere for
// the commands a person types, whose failure is one sentence (a Redis that
// cannot be reached is said once, not once per dial).
func libraryLog(args []string, stderr io.Writer) *slog.Logger {
	if len(args) > 0 && args[0] == "serve" {
		return slog.New(slog.NewJSONHandler(stderr, nil))
	}
	return slog.New(slog.DiscardHandler)
}
