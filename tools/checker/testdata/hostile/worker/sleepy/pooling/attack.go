package pooling

import "time"

//convlings:hook GlobalMaxPooling2D

// attack sleeps for an hour in every call.
func attack() { time.Sleep(time.Hour) }
