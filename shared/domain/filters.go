package domain

import "time"

// LawyerFilter selects lawyers of the public directory.
type LawyerFilter struct {
	Area   string
	City   string
	Limit  int
	Cursor string
}

// SlotFilter selects a lawyer's slots starting in [From, To).
type SlotFilter struct {
	LawyerID string
	From, To time.Time
	// Status keeps only slots in this state ("" for all).
	Status string
	Limit  int
	Cursor string
}

// QuestionFilter selects public questions.
type QuestionFilter struct {
	Area string
	// Answered keeps only questions with (true) or without (false) an
	// answer; nil keeps both.
	Answered *bool
	Limit    int
	Cursor   string
}
