// Package gosource reads a package's own Go files, for the tests that hold
// a list kept in code to the source it must cover (the fuzzed request
// bodies of shared/api, the item types of shared/store). Only tests import
// it.
package gosource

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
)

// Files parses the Go files of dir but its tests, keyed by file name,
// with the file set that places their nodes.
func Files(dir string) (*token.FileSet, map[string]*ast.File, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, nil, err
	}
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return nil, nil, err
		}
		files[filepath.Base(name)] = f
	}
	return fset, files, nil
}
