// Package store keeps the product's data in one DynamoDB table
// (single-table design; keys only through the helpers in keys.go). Every
// hot path is a GetItem, a Query on the key or a GSI, or one
// TransactWriteItems; nothing scans but the operator's one-off
// maintenance pass (EachPublicText, infra/cmd/redact-again). Not-found is a domain ENotFound error,
// a failed condition a domain conflict, throttling and timeouts
// EUnavailable (503); anything else is an internal fault.
package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/lawdesk/lawdesk/shared/cursor"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// DB is the part of the DynamoDB client the store uses.
type DB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	BatchGetItem(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
	BatchWriteItem(context.Context, *dynamodb.BatchWriteItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
}

// Store is the DynamoDB store. It is safe for concurrent use.
type Store struct {
	db      DB
	table   string
	cursors *cursor.Codec
}

// New returns a store on table using db; cursors seals pagination cursors.
func New(db DB, table string, cursors *cursor.Codec) *Store {
	return &Store{db: db, table: table, cursors: cursors}
}

// Ping checks that the table answers (GET /healthz).
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table,
		Key:       key("HEALTH", "HEALTH"),
	})
	return mapErr(err)
}

// mapErr turns SDK errors into domain errors: throttling, deadlines and a
// lost connection become EUnavailable; a transaction that lost a race
// EConflict; the rest stay internal faults.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if domain.AsError(err) != nil {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &domain.Error{Code: domain.EUnavailable, Message: "the store did not answer in time; try again", RetryAfter: time.Second}
	}
	for _, r := range cancelReasons(err) {
		switch r {
		case "TransactionConflict":
			return domain.Errorf(domain.EConflict, "another change to the same data was in progress; try again")
		case "ThrottlingError", "ProvisionedThroughputExceeded":
			return &domain.Error{Code: domain.EUnavailable, Message: "the store is busy; try again shortly", RetryAfter: 2 * time.Second}
		}
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
			"InternalServerError", "ServiceUnavailable", "LimitExceededException":
			return &domain.Error{Code: domain.EUnavailable, Message: "the store is busy; try again shortly", RetryAfter: 2 * time.Second}
		case "TransactionConflictException", "TransactionInProgressException":
			return domain.Errorf(domain.EConflict, "another change to the same data was in progress; try again")
		}
	}
	if connectionLost(err) {
		return &domain.Error{Code: domain.EUnavailable, Message: "the store could not be reached; try again", RetryAfter: time.Second}
	}
	return fmt.Errorf("dynamodb: %w", err)
}

// connectionLost reports whether err is the exchange with DynamoDB failing
// rather than DynamoDB's answer: the request could not be sent, or its
// answer was lost (a reset or closed connection, an HTTP timeout, a body
// cut short) on every attempt the SDK made, or the store answered with a
// server error the SDK does not know. A write may or may not have been
// applied: the caller is told to try again.
func connectionLost(err error) bool {
	var conn interface{ ConnectionError() bool } // smithy's RequestSendError
	var resp interface{ HTTPStatusCode() int }
	switch {
	case errors.As(err, &conn) && conn.ConnectionError(),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return true
	case errors.As(err, &resp) && resp.HTTPStatusCode() >= 500:
		return true
	}
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

// isCondFailed reports whether err is a plain conditional check failure.
func isCondFailed(err error) bool {
	var cf *types.ConditionalCheckFailedException
	return errors.As(err, &cf)
}

// cancelReasons returns the per-item cancellation codes of a cancelled
// transaction ("ConditionalCheckFailed", "None", …), or nil.
func cancelReasons(err error) []string {
	var tc *types.TransactionCanceledException
	if !errors.As(err, &tc) {
		return nil
	}
	out := make([]string, len(tc.CancellationReasons))
	for i, r := range tc.CancellationReasons {
		out[i] = aws.ToString(r.Code)
	}
	return out
}
