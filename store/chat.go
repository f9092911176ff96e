package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Save keeps a chat's conversation state (the bot's own
// encoding) until ttl passes without a change.
func (x Chats) Save(ctx context.Context, chat int64, state []byte, ttl time.Duration) error {
	s := x.s
	return s.rdb.Set(ctx, s.k.conversation(chat), state, ttl).Err()
}

// Conversation reads a chat's conversation state; ErrNotFound when there is
// none or it timed out.
func (x Chats) Conversation(ctx context.Context, chat int64) ([]byte, error) {
	s := x.s
	b, err := s.rdb.Get(ctx, s.k.conversation(chat)).Bytes()
	return conversationOf(chat, b, err)
}

// conversationOf reads a conversation's state as GET gave it.
func conversationOf(chat int64, b []byte, err error) ([]byte, error) {
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("conversation %d: %w", chat, ErrNotFound)
	}
	return b, err
}

// End forgets a chat's conversation.
func (x Chats) End(ctx context.Context, chat int64) error {
	s := x.s
	return s.rdb.Del(ctx, s.k.conversation(chat)).Err()
}
