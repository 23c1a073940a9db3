module github.com/ewsgen/ewsgen

go 1.26.8

require (
	github.com/Azure/go-ntlmssp v0.1.1
	github.com/dave/jennifer v1.7.1
	github.com/jcmturner/goidentity/v6 v6.0.1
	github.com/jcmturner/gokrb5/v8 v8.4.4
	github.com/spf13/pflag v1.0.10
	github.com/xuri/xgen v0.0.0-20260524104808-c9cf3fcb4aaf
	golang.org/x/crypto v0.38.0
	golang.org/x/net v0.40.0
	golang.org/x/oauth2 v0.38.0
	golang.org/x/sync v0.25.0
)

require (
	github.com/hashicorp/go-uuid v1.0.3 // indirect
	github.com/jcmturner/aescts/v2 v2.0.0 // indirect
	github.com/jcmturner/dnsutils/v2 v2.0.0 // indirect
	github.com/jcmturner/gofork v1.7.6 // indirect
	github.com/jcmturner/rpc/v2 v2.0.3 // indirect
	golang.org/x/text v0.25.0 // indirect
)
