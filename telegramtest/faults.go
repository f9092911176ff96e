package telegramtest

// Fault makes the server fail a method, as Telegram does now and then.
type Fault struct {
	Method     string // "" for every method but getUpdates
	Code       int    // 429, 500, 502, 403, …
	RetryAfter int    // seconds, for 429
	Times      int    // how many requests fail; 0 for one
}

// Fail queues a fault; faults apply in the order they were queued.
func (s *Server) Fail(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times == 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, f)
}

// fault returns the error a request to method gets, if a fault applies.
func (s *Server) fault(method string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.faults {
		f := &s.faults[i]
		if f.Times == 0 || f.Method != method && (f.Method != "" || method == "getUpdates") {
			continue
		}
		f.Times--
		s.stats.Faults++
		if f.Code == 429 {
			s.stats.TooMany++
		}
		return &apiError{f.Code, faultText[f.Code], f.RetryAfter}
	}
	return nil
}

var faultText = map[int]string{
	400: "Bad Request: query is too old and response timeout expired or query ID is invalid",
	403: "Forbidden: bot was blocked by the user",
	429: "Too Many Requests: retry later",
	500: "Internal Server Error",
	502: "Bad Gateway",
}
