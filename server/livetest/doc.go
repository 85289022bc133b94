// Package livetest tests live alerts over GraphQL subscriptions on real websockets.
package livetest
