package main

import (
	"errors"
	"flag"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"chitieu/store"
)

// Config is every setting of chitieu. Each is an environment variable and a
// flag; a flag given on the command line wins over the environment.
type Config struct {
	TelegramToken    string
	TelegramEndpoint string
	RedisURL         string
	SentinelMaster   string
	SentinelAddrs    string // comma-separated host:port
	ClusterAddrs     string // comma-separated host:port
	RedisPrefix      string
	Committee        string // the committee a command speaks to; "" for the only one
	Plan             string
	Admins           string // comma-separated Telegram user ids
	CityLeaders      string // comma-separated Telegram user ids
	WebhookURL       string
	WebhookSecret    string
	Listen           string
	MetricsListen    string // "" serves /metrics and /readyz on Listen
	Lang             string
	DigestAt         string // "monday 08:00"
	QuietHours       string // "21:00-07:00": no pushes between
	DaysOff          string // extra days off, comma-separated dates
	WorkingDays      string // make-up working days (Saturdays), comma-separated dates
}

// setting ties a field to its variable and flag.
type setting struct {
	env, flag, help string
	dst             *string
	secret          bool // may come from ENV_FILE too
}

func (c *Config) settings() []setting {
	return []setting{
		{"TELEGRAM_BOT_TOKEN", "telegram-bot-token", "the bot's token from @BotFather", &c.TelegramToken, true},
		{"TELEGRAM_API_ENDPOINT", "telegram-api-endpoint", "Bot API base, https://api.telegram.org/bot%s/%s", &c.TelegramEndpoint, false},
		{"REDIS_URL", "redis-url", "redis:// or rediss:// URL", &c.RedisURL, true},
		{"REDIS_SENTINEL_MASTER", "redis-sentinel-master", "Sentinel mode: the master's name", &c.SentinelMaster, false},
		{"REDIS_SENTINEL_ADDRS", "redis-sentinel-addrs", "Sentinel mode: comma-separated host:port of the sentinels", &c.SentinelAddrs, false},
		{"REDIS_CLUSTER_ADDRS", "redis-cluster-addrs", "Cluster mode: comma-separated host:port of some nodes", &c.ClusterAddrs, false},
		{"CHITIEU_REDIS_PREFIX", "redis-prefix", "the prefix of every Redis key", &c.RedisPrefix, false},
		{"CHITIEU_COMMITTEE", "committee", "the committee a command speaks to, by its code (optional with one committee)", &c.Committee, false},
		{"CHITIEU_PLAN", "plan", "the plan file", &c.Plan, false},
		{"CHITIEU_ADMINS", "admins", "comma-separated Telegram user ids of the first admins (city admins: admins of every committee)", &c.Admins, false},
		{"CHITIEU_CITY_LEADERS", "city-leaders", "comma-separated Telegram user ids of the city leaders: they read every committee, write none, and get the weekly roll-up", &c.CityLeaders, false},
		{"CHITIEU_WEBHOOK_URL", "webhook-url", "webhook mode: the public URL Telegram posts to", &c.WebhookURL, false},
		{"CHITIEU_WEBHOOK_SECRET", "webhook-secret", "webhook mode: the secret Telegram sends back", &c.WebhookSecret, true},
		{"CHITIEU_LISTEN", "listen", "address for webhooks and /healthz (and /metrics, /readyz unless --metrics-listen)", &c.Listen, false},
		{"CHITIEU_METRICS_LISTEN", "metrics-listen", "an address of their own for /metrics and /readyz", &c.MetricsListen, false},
		{"CHITIEU_LANG", "lang", "language of the command line: vi or en", &c.Lang, false},
		{"CHITIEU_DIGEST_AT", "digest-at", "day and time of the weekly digest", &c.DigestAt, false},
		{"CHITIEU_QUIET_HOURS", "quiet-hours", "hours without pushes, HH:MM-HH:MM", &c.QuietHours, false},
		{"CHITIEU_DAYS_OFF", "days-off", "extra days off, comma-separated YYYY-MM-DD", &c.DaysOff, false},
		{"CHITIEU_WORKING_DAYS", "working-days", "make-up working days, comma-separated YYYY-MM-DD", &c.WorkingDays, false},
	}
}

// defaultConfig is the configuration before the environment and flags.
func defaultConfig() Config {
	return Config{
		TelegramEndpoint: "https://api.telegram.org/bot%s/%s",
		RedisURL:         "redis://127.0.0.1:6379/0",
		RedisPrefix:      "chitieu",
		Plan:             "plans/tayho-2020-2025.yaml",
		Listen:           ":8080",
		Lang:             "vi",
		DigestAt:         "monday 08:00",
		QuietHours:       "21:00-07:00",
	}
}

// loadConfig reads the environment (and NAME_FILE for secrets) into the
// defaults and registers a flag per setting on fs.
func loadConfig(fs *flag.FlagSet, getenv func(string) string) (*Config, error) {
	c := defaultConfig()
	for _, s := range c.settings() {
		if err := s.fromEnv(getenv); err != nil {
			return nil, err
		}
		fs.StringVar(s.dst, s.flag, *s.dst, s.help+" ("+s.env+")")
	}
	return &c, nil
}

func (s setting) fromEnv(getenv func(string) string) error {
	if v := getenv(s.env); v != "" {
		*s.dst = v
		return nil
	}
	path := getenv(s.env + "_FILE")
	if !s.secret || path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err // said as a file that cannot be read, naming it
	}
	*s.dst = strings.TrimSpace(string(b))
	return nil
}

// Validate checks the settings that are set, all at once.
func (c *Config) Validate() error {
	var errs []error
	if _, err := c.AdminIDs(); err != nil {
		errs = append(errs, err)
	}
	if _, err := c.CityLeaderIDs(); err != nil {
		errs = append(errs, err)
	}
	if u, err := url.Parse(c.RedisURL); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") {
		errs = append(errs, say("cfg.redis_url", "Value", c.RedisURL))
	}
	if strings.Count(c.TelegramEndpoint, "%s") != 2 {
		errs = append(errs, say("cfg.endpoint", "Value", c.TelegramEndpoint))
	}
	if c.WebhookURL != "" && c.WebhookSecret == "" {
		errs = append(errs, say("cfg.webhook_secret"))
	}
	if _, _, err := c.Schedule(); err != nil {
		errs = append(errs, err)
	}
	if c.MetricsListen != "" && c.MetricsListen == c.Listen {
		errs = append(errs, say("cfg.metrics_listen", "Value", c.Listen))
	}
	c.Committee = strings.ToLower(c.Committee)
	if c.Committee != "" && !store.ValidCommittee(c.Committee) {
		errs = append(errs, say("cfg.committee", "Value", c.Committee))
	}
	if c.Lang != "vi" && c.Lang != "en" {
		errs = append(errs, say("cfg.lang", "Value", c.Lang))
	}
	return errors.Join(errs...)
}

// StoreOptions are the Redis settings for the store.
func (c *Config) StoreOptions(now func() time.Time) store.Options {
	return store.Options{URL: c.RedisURL, SentinelMaster: c.SentinelMaster, SentinelAddrs: list(c.SentinelAddrs),
		ClusterAddrs: list(c.ClusterAddrs), Prefix: c.RedisPrefix, Committee: c.Committee, Now: now}
}

// list splits a comma-separated setting.
func list(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

// AdminIDs reads CHITIEU_ADMINS.
func (c *Config) AdminIDs() ([]int64, error) { return ids(c.Admins, "CHITIEU_ADMINS") }

// CityLeaderIDs reads CHITIEU_CITY_LEADERS.
func (c *Config) CityLeaderIDs() ([]int64, error) { return ids(c.CityLeaders, "CHITIEU_CITY_LEADERS") }

// ids reads a setting's comma-separated Telegram user ids.
func ids(value, name string) ([]int64, error) {
	var out []int64
	for _, f := range list(value) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, say("cfg.admins", "Value", f, "Name", name)
		}
		out = append(out, id)
	}
	return out, nil
}
