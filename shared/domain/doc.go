// Package domain owns the product's vocabulary: firms, lawyers, slots,
// questions and their rules (validation, masking, practice areas) and the one
// error type every layer speaks. It imports nothing from AWS and does no I/O,
// so every rule here is tested without a store.
package domain
