// Package index builds an in-memory bleve index from a loaded corpus and
// answers questions with ranked plan points, the reporting that discusses
// them and their sources. It knows the corpus package, never Discord.
package index
