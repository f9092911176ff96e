// Command chitieu is the chitieu bot and its tools: check a plan, see every
// indicator's status, try the bot with no setup.
package main

import (
	"context"
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
	store.LogLibraryTo(slog.New(slog.NewJSONHandler(os.Stderr, nil)))
	c := &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, now: time.Now}
	return c.run(ctx, os.Args[1:])
}
