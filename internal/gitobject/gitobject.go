// Package gitobject names git objects as git does, so that code predicting
// what a git host will store (the GitHub provider) and code imitating one
// (the GitHub fake) compute the same ids.
package gitobject

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
)

// ID is the id (hex SHA-1) git gives an object of kind ("blob", "tree",
// "commit", "tag") with this content, in git's own encoding for that kind.
func ID(kind, content string) string {
	h := sha1.New()
	fmt.Fprintf(h, "%s %d\x00", kind, len(content))
	h.Write([]byte(content))
	return hex.EncodeToString(h.Sum(nil))
}
