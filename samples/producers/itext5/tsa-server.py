#!/usr/bin/env python3
"""A loopback RFC 3161 TSA for make.sh: answers each POSTed TimeStampReq with the reply of
`openssl ts -reply` (the kyso test TSA key in samples/ca), so that iText's own
TSAClientBouncyCastle fetches the token over HTTP as it does in production.

Usage: tsa-server.py PORT TSA_CNF   (run under faketime to fix genTime; stops on SIGTERM)
"""
import http.server
import os
import subprocess
import sys
import tempfile

PORT, CNF = int(sys.argv[1]), sys.argv[2]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        query = self.rfile.read(int(self.headers.get('Content-Length', '0')))
        with tempfile.TemporaryDirectory() as work:
            tsq, tsr = os.path.join(work, 'q.tsq'), os.path.join(work, 'r.tsr')
            with open(tsq, 'wb') as f:
                f.write(query)
            subprocess.run(['openssl', 'ts', '-reply', '-config', CNF, '-queryfile', tsq, '-out', tsr],
                           check=True, stderr=subprocess.DEVNULL)
            with open(tsr, 'rb') as f:
                reply = f.read()
        self.send_response(200)
        self.send_header('Content-Type', 'application/timestamp-reply')
        self.send_header('Content-Length', str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


http.server.HTTPServer(('127.0.0.1', PORT), Handler).serve_forever()
