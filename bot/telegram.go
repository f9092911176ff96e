package bot

import (
	"chitieu/retry"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// API is the Telegram Bot API as chitieu uses it: the library's client
// with time-outs, a context for long polls, retries that obey retry_after,
// and the token kept out of every error.
type API struct {
	bot      *tg.BotAPI
	doer     *ctxDoer
	token    string
	endpoint string
	retries  int    // how many times a refused call is tried again
	tooMany  func() // told of each answer 429; nil for none
	sleep    func(ctx context.Context, d time.Duration)
}

// APIOption sets how an API made by NewAPI behaves.
type APIOption func(*API)

// WithRetries has a refused call tried again at most n times (5 unless
// set; 0 for a caller that tries again itself).
func WithRetries(n int) APIOption { return func(a *API) { a.retries = n } }

// WithTooMany has f told of each answer 429 (Too Many Requests) met, tried
// again or not (a counter).
func WithTooMany(f func()) APIOption { return func(a *API) { a.tooMany = f } }

// WithSleep has f wait a retry_after or a backoff before a call is tried
// again, returning early when ctx ends (a test takes no time); a real wait
// unless set.
func WithSleep(f func(ctx context.Context, d time.Duration)) APIOption {
	return func(a *API) { a.sleep = f }
}

// PollTimeout is how long one getUpdates call waits for an update.
const PollTimeout = 25 * time.Second

// ctxDoer is the HTTP client the library calls. It gives a getUpdates
// request the poller's context, so a shutdown ends a long poll at once.
type ctxDoer struct {
	client *http.Client
	poll   atomic.Pointer[context.Context]
}

// It also tells a request that failed after it was written (it may have
// reached Telegram: ErrMaybeSent) from one that never went out.
func (d *ctxDoer) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if strings.HasSuffix(req.URL.Path, "/getUpdates") {
		if poll := d.poll.Load(); poll != nil {
			ctx = *poll
		}
	}
	var wrote atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(i httptrace.WroteRequestInfo) { wrote.Store(i.Err == nil) },
	})
	resp, err := d.client.Do(req.WithContext(ctx))
	if err != nil && wrote.Load() {
		return nil, maybeSent{err}
	}
	return resp, err
}

// ErrMaybeSent is a request that failed after it was written: Telegram may
// have acted on it, so it is not made again.
var ErrMaybeSent = errors.New("the request may have reached Telegram")

// ErrUnreachable is a request that failed before it went out: the Bot API
// did not answer.
var ErrUnreachable = errors.New("the Bot API is unreachable")

type maybeSent struct{ err error }

func (e maybeSent) Error() string   { return e.err.Error() }
func (e maybeSent) Unwrap() []error { return []error{ErrMaybeSent, e.err} }

// NewHTTPClient is an HTTP client with time-outs fit for the Bot API: a
// long poll may take PollTimeout before its answer starts.
func NewHTTPClient() *http.Client {
	return &http.Client{
		Timeout: PollTimeout + 30*time.Second,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: PollTimeout + 15*time.Second,
			IdleConnTimeout:       90 * time.Second,
			MaxIdleConnsPerHost:   128, // more than the chats handled at once (MaxChats): no connection made per message
		},
	}
}

// NewAPI connects to the Bot API at endpoint (the library's form,
// https://api.telegram.org/bot%s/%s) and checks the token with getMe.
func NewAPI(token, endpoint string, client *http.Client, opts ...APIOption) (*API, error) {
	if client == nil {
		client = NewHTTPClient()
	}
	d := &ctxDoer{client: client}
	b, err := tg.NewBotAPIWithClient(token, endpoint, d)
	if err != nil {
		return nil, redact(fmt.Errorf("connect to the Bot API: %w", err), token)
	}
	a := &API{bot: b, doer: d, token: token, endpoint: endpoint, retries: 5, sleep: sleep}
	for _, opt := range opts {
		opt(a)
	}
	return a, nil
}

// Download fetches a file a person sent, refusing one over limit bytes.
// The file endpoint is the API's with /file before /bot, so a local Bot
// API server or an emulator serves files too.
func (a *API) Download(ctx context.Context, fileID string, limit int64) ([]byte, error) {
	f, err := a.bot.GetFile(tg.FileConfig{FileID: fileID})
	if err != nil {
		return nil, a.redact(err)
	}
	if int64(f.FileSize) > limit {
		return nil, ErrTooLarge
	}
	base := strings.Replace(a.endpoint, "/bot%s/%s", "/file/bot%s/%s", 1)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf(base, a.token, f.FilePath), nil)
	if err != nil {
		return nil, a.redact(err)
	}
	resp, err := a.doer.client.Do(req)
	if err != nil {
		return nil, a.redact(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download a file: %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if int64(len(data)) > limit {
		return nil, ErrTooLarge
	}
	return data, a.redact(err)
}

// ErrTooLarge is a file over the size the bot takes.
var ErrTooLarge = errors.New("the file is too large")

// Check asks the Bot API once whether it answers (for /readyz).
func (a *API) Check() error {
	_, err := a.bot.MakeRequest("getMe", nil)
	return a.redact(err)
}

// Username is the bot's @name.
func (a *API) Username() string { return a.bot.Self.UserName }

// GetUpdates long-polls for updates from offset on; ctx ends the poll.
// The updates are decoded one by one: one that does not decode is in the
// batch's Bad, the others are handled.
func (a *API) GetUpdates(ctx context.Context, offset int) (Batch, error) {
	a.doer.poll.Store(&ctx)
	params := tg.Params{}
	params.AddNonZero("offset", offset)
	params.AddNonZero("limit", 100)
	params.AddNonZero("timeout", int(PollTimeout/time.Second))
	resp, err := a.bot.MakeRequest("getUpdates", params)
	if ctx.Err() != nil {
		return Batch{}, ctx.Err()
	}
	a.count(err)
	if err != nil {
		return Batch{}, a.redact(err)
	}
	return decodeBatch(resp.Result, offset)
}

// Send sends a message, an edit or a file and returns the message
// Telegram answers with (empty when the answer is no message). A refusal
// with retry_after is tried again after that wait, and a server error
// after a short backoff, up to the API's retries.
func (a *API) Send(ctx context.Context, c tg.Chattable) (tg.Message, error) {
	var resp *tg.APIResponse
	err := a.retry(ctx, func() error {
		var err error
		resp, err = a.bot.Request(c)
		return err
	})
	if err != nil {
		return tg.Message{}, err
	}
	var m tg.Message
	json.Unmarshal(resp.Result, &m) // it was sent: an answer that does not read is no failure
	return m, nil
}

// Request makes a call whose answer is not a message.
func (a *API) Request(ctx context.Context, c tg.Chattable) error {
	return a.retry(ctx, func() error {
		_, err := a.bot.Request(c)
		return err
	})
}

// Raw calls a method with raw parameters, for what the library does not
// know (setWebhook's secret_token).
func (a *API) Raw(ctx context.Context, method string, params map[string]string) error {
	return a.retry(ctx, func() error {
		_, err := a.bot.MakeRequest(method, params)
		return err
	})
}

func (a *API) retry(ctx context.Context, call func() error) error {
	p := calls
	p.Tries = a.retries + 1
	wait := func(ctx context.Context, d time.Duration) error { a.sleep(ctx, d); return ctx.Err() }
	err := retry.DoWith(ctx, p, wait, func(int) error {
		err := call()
		a.count(err)
		return retryable(err)
	})
	return a.redact(err)
}

// calls is how a refused call is tried again: after a 5xx or a network
// error before the request went out, 100 ms, 200 ms, … up to 5 s.
var calls = retry.Policy{First: 100 * time.Millisecond, Max: 5 * time.Second}

// count tells tooMany of an answer 429.
func (a *API) count(err error) {
	if a.tooMany != nil && err != nil && Code(err) == 429 {
		a.tooMany()
	}
}

// retryable says whether an error is worth another try and after how long:
// a 429 after its retry_after, a 5xx or a network error before the request
// went out after the policy's wait. A request that may have reached
// Telegram is never made again: a message would go out twice.
func retryable(err error) error {
	var te *tg.Error
	var ue *url.Error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrMaybeSent):
		return retry.Stop(err)
	case errors.As(err, &te) && te.RetryAfter > 0:
		return retry.After(time.Duration(te.RetryAfter)*time.Second, err)
	case errors.As(err, &te) && te.Code >= 500, errors.As(err, &ue):
		return err
	}
	return retry.Stop(err)
}

// redact keeps the token out of an error: the library puts it in URLs. A
// Bot API answer (*tg.Error) carries no token and is kept as it is.
func (a *API) redact(err error) error { return redact(err, a.token) }

func redact(err error, token string) error {
	var te *tg.Error
	var ue *url.Error
	if err == nil || errors.As(err, &te) {
		return err
	}
	var kinds []error
	switch {
	case errors.Is(err, ErrMaybeSent):
		kinds = append(kinds, ErrMaybeSent)
	case errors.As(err, &ue):
		kinds = append(kinds, ErrUnreachable)
	}
	if token == "" || !strings.Contains(err.Error(), token) {
		return kindError{kinds, err}
	}
	return &RedactedError{msg: strings.ReplaceAll(err.Error(), token, "<token>"), kinds: kinds}
}

// RedactedError is an error whose text had the token in it. It keeps what
// kind of failure it was (ErrMaybeSent, a network failure), not the error.
type RedactedError struct {
	msg   string
	kinds []error
}

func (e *RedactedError) Error() string { return e.msg }

// kindError is an error with the kinds redact found in it.
type kindError struct {
	kinds []error
	err   error
}

func (e kindError) Error() string        { return e.err.Error() }
func (e kindError) Unwrap() []error      { return append(slices.Clone(e.kinds), e.err) }
func (e *RedactedError) Unwrap() []error { return e.kinds }

// Code is the Bot API's error code of err (403 when the person blocked the
// bot, 429 when too many were sent), or 0.
func Code(err error) int {
	var te *tg.Error
	if errors.As(err, &te) {
		if te.Code == 0 && te.RetryAfter > 0 {
			return 429
		}
		return te.Code
	}
	return 0
}
