package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path"
	"sync"
)

// Hash returns the content hash of the corpus: the SHA-256, in hex, of
// everything its files parsed into (documents, clauses, sections, sources,
// synonyms), with each document's file named by its base name only. The
// same files give the same hash in whatever folder they are loaded from,
// so replicas that mount or sync one corpus agree on it, and any edit that
// changes what planbot serves changes it. Files listed in Ignored do not
// count.
//
// A corpus is never modified after Load, so the last hash is remembered:
// asking again for the corpus being served costs nothing.
func (c *Corpus) Hash() string {
	hashCache.Lock()
	defer hashCache.Unlock()
	if hashCache.c == c {
		return hashCache.h
	}
	h := c.hash()
	hashCache.c, hashCache.h = c, h
	return h
}

// hashCache is the last corpus hashed and its hash: one entry suffices, as
// a process asks about the corpus it serves, which changes on reindex only.
var hashCache struct {
	sync.Mutex
	c *Corpus
	h string
}

// hash computes Hash. JSON is canonical enough: struct fields come in
// declaration order and map keys sorted, and every exported field counts,
// including ones added to the format later.
func (c *Corpus) hash() string {
	docs := make([]Document, len(c.Documents))
	for i, d := range c.Documents {
		docs[i] = *d
		docs[i].File = path.Base(d.File)
	}
	b, err := json.Marshal(struct {
		Documents []Document
		Synonyms  [][]string
	}{docs, c.Synonyms})
	if err != nil {
		// Only a field JSON cannot encode (a func or a channel) gets here:
		// a programming error, which the corpus tests would catch.
		panic("corpus: hash: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ShortHash is the first 12 hex digits of a hash, as messages show it.
func ShortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
