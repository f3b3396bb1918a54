// Package checks holds the project's structural tests: template.yaml and
// the Go route table agree, every function is wired only, and the rules
// import no AWS SDK. It has no code of its own.
package checks
