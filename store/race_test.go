//go:build race

package store_test

// raceDetector is whether the tests run with -race.
const raceDetector = true
