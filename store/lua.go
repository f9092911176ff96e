package store

import (
	"embed"
	"strings"

	"github.com/redis/go-redis/v9"
)

// The store's Lua scripts, one file each under lua/, each opening with a
// header that names its KEYS and ARGV. A script that marks an update
// handled with its own write starts with lua/handled.lua's function.
//
//go:embed lua/*.lua
var luaFiles embed.FS

// script is the scripts named joined in order: a library's functions
// first, the script's own body last.
func script(names ...string) *redis.Script { return redis.NewScript(luaSource(names...)) }

// luaSource is the files named joined in order.
func luaSource(names ...string) string {
	var b strings.Builder
	for _, n := range names {
		src, err := luaFiles.ReadFile("lua/" + n)
		if err != nil {
			panic(err) // embedded at build time: a missing file is a bug
		}
		b.Write(src)
		b.WriteByte('\n')
	}
	return b.String()
}
