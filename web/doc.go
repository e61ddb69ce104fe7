// Package web serves the plan as server-rendered HTML pages: the versions
// and their points, one point in every version side by side with the words
// that changed marked, the same search as /ask, and every source. It reads
// the index only through the small Index interface it declares, needs no
// JavaScript and loads nothing from another host. It never imports bot or
// cmd/.
package web
