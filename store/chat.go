package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// SaveConversation keeps a chat's conversation state (the bot's own
// encoding) until ttl passes without a change.
func (s *Store) SaveConversation(ctx context.Context, chat int64, state []byte, ttl time.Duration) error {
	return s.rdb.Set(ctx, s.k.conversation(chat), state, ttl).Err()
}

// Conversation reads a chat's conversation state; ErrNotFound when there is
// none or it timed out.
func (s *Store) Conversation(ctx context.Context, chat int64) ([]byte, error) {
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

// EndConversation forgets a chat's conversation.
func (s *Store) EndConversation(ctx context.Context, chat int64) error {
	return s.rdb.Del(ctx, s.k.conversation(chat)).Err()
}
