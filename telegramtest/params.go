package telegramtest

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// params are a request's fields, and its files for uploads.
type params struct {
	values map[string]string
	files  map[string]File
}

// File is an uploaded file.
type File struct {
	Name string
	Data []byte
}

func (p params) get(k string) string { return p.values[k] }

func (p params) int64(k string) int64 {
	v, _ := strconv.ParseInt(p.values[k], 10, 64)
	return v
}

// maxUpload is Telegram's limit for a document a bot sends.
const maxUpload = 50 << 20

func readParams(r *http.Request) (params, error) {
	p := params{values: map[string]string{}, files: map[string]File{}}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType == "multipart/form-data" {
		return p, readMultipart(r, p)
	}
	if err := r.ParseForm(); err != nil {
		return p, err
	}
	for k, v := range r.Form {
		p.values[k] = v[0]
	}
	return p, nil
}

func readMultipart(r *http.Request, p params) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return err
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		data, err := io.ReadAll(io.LimitReader(part, maxUpload+1))
		if err != nil {
			return err
		}
		if part.FileName() != "" {
			p.files[part.FormName()] = File{Name: part.FileName(), Data: data}
		} else {
			p.values[part.FormName()] = strings.TrimSpace(string(data))
		}
	}
}
