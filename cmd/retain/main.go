// Command retain runs Retain: the API server, migrations, demo data and tokens.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/retain-crm/retain/server"
)

func main() {
	if err := server.Run(context.Background(), os.Args, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "retain: %s\n", err)
		os.Exit(1)
	}
}
