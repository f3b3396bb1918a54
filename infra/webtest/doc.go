// Package webtest holds the browser tests of the web pages: they start the
// local server in this process (over the test binary's DynamoDB Local, with
// the demo data) and drive Debian's Chromium through the DevTools protocol
// (chromedp), as visitors, lawyers and firm staff would, at phone and
// desktop widths. Screenshots go to test-artifacts/screenshots/ (git
// ignored). There is nothing to import: the package is its tests.
package webtest
