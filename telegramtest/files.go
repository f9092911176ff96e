package telegramtest

import (
	"net/http"
	"strconv"
	"strings"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SendDocument injects a file a user sends and returns the update's id.
func (s *Server) SendDocument(u User, name string, data []byte) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := "doc" + strconv.Itoa(s.nextUpd)
	s.files[id] = File{Name: name, Data: data}
	msg := &tg.Message{MessageID: s.nextMsg, From: u.tg(), Chat: &tg.Chat{ID: u.ID, Type: "private"}, Date: s.now(),
		Document: &tg.Document{FileID: id, FileUniqueID: id, FileName: name, FileSize: len(data)}}
	s.nextMsg++
	return s.push(tg.Update{Message: msg})
}

// getFile tells where a file can be downloaded.
func (s *Server) getFile(_ *http.Request, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := p.get("file_id")
	f, ok := s.files[id]
	if !ok {
		return nil, &apiError{400, "Bad Request: invalid file_id", 0}
	}
	return tg.File{FileID: id, FileUniqueID: id, FileSize: len(f.Data), FilePath: "documents/" + id + "/" + f.Name}, nil
}

// serveFile serves a file's bytes at /file/bot<token>/<file_path>.
func (s *Server) serveFile(w http.ResponseWriter, path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	parts := strings.SplitN(path, "/", 3)
	if len(parts) != 3 {
		http.NotFound(w, nil)
		return
	}
	f, ok := s.files[parts[1]]
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Write(f.Data)
}
