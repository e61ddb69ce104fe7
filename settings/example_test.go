package settings_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/planbot/planbot/settings"
)

// A 👍/👎 button handler: hash the presser with the vote key, record the
// vote, count the outcome. A question that matched nothing is kept only
// when PLANBOT_KEEP_QUESTIONS is on.
func Example_vote() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "planbot-example-")
	defer os.RemoveAll(dir)
	store, err := settings.Open(ctx, settings.Config{DataDir: dir})
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()

	// Once at start: PLANBOT_VOTE_KEY if set, else the store's own key.
	key, err := store.VoteKey(ctx)
	if err != nil {
		log.Fatal(err)
	}

	// On each press: the answer is the message the buttons are under.
	press := func(userID string, up bool) {
		const answerID = "1300000000000000001" // interaction.Message.ID
		r, err := store.Vote(ctx, settings.Vote{
			AnswerID: answerID,
			Voter:    settings.VoterHash(key, userID, answerID),
			Up:       up,
			Question: "How big can Ukraine's army be?",
			Points:   []int{6, 21},
			GuildID:  "1083761230128795648",
		})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: 👍 %d 👎 %d\n", r.Outcome, r.Up, r.Down) // r.Outcome.String() is the metrics label
	}
	press("398574935793123456", false)
	press("398574935793123456", false)
	press("398574935793123456", true)
	press("712345678901234567", false)

	// With PLANBOT_KEEP_QUESTIONS=true, on "no point of the plan matches":
	if err := store.KeepQuestion(ctx, settings.KeptQuestion{Question: "What about the weather?", GuildID: "1083761230128795648"}); err != nil {
		log.Fatal(err)
	}

	items, err := store.Feedback(ctx, time.Time{})
	if err != nil {
		log.Fatal(err)
	}
	for _, it := range items {
		fmt.Printf("%q points=%v 👎 %d 👍 %d unmatched=%d\n", it.Question, it.Points, it.Down, it.Up, it.Unmatched)
	}
	// Output:
	// new: 👍 0 👎 1
	// unchanged: 👍 0 👎 1
	// changed: 👍 1 👎 0
	// new: 👍 1 👎 1
	// "What about the weather?" points=[] 👎 0 👍 0 unmatched=1
	// "How big can Ukraine's army be?" points=[6 21] 👎 1 👍 1 unmatched=0
}
