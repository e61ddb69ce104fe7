// Package corpus loads the documents planbot answers from: plan versions and
// the articles about them, written as Markdown with YAML front matter, plus an
// optional synonyms.txt. It checks every rule of the corpus format and knows
// nothing of search or Discord: it imports no other planbot package.
package corpus
