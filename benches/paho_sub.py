#!/usr/bin/env python3
"""A plain paho-mqtt subscriber for benches/run.sh: counts the messages on one
topic and prints, as one JSON line on stdout, how many arrived and the wall
clock (Unix seconds) of the first and the last, so that its rate is measured
from its first message to its last (connecting and starting Python don't
count). Exits 0 once --count messages arrived, 1 at --timeout.

Works with paho-mqtt 2.x (pip) and 1.6 (Debian's python3-paho-mqtt).
"""

import argparse
import json
import sys
import time

import paho.mqtt.client as mqtt


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--qos", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()

    state = {"received": 0, "first": None, "last": None}

    def on_connect(client, _userdata, *_rest):
        client.subscribe(args.topic, qos=args.qos)

    def on_message(client, _userdata, _message):
        now = time.time()
        if state["first"] is None:
            state["first"] = now
        state["last"] = now
        state["received"] += 1
        if state["received"] >= args.count:
            client.disconnect()

    if hasattr(mqtt, "CallbackAPIVersion"):
        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=args.client_id)
    else:
        client = mqtt.Client(client_id=args.client_id)
    client.on_connect = on_connect
    client.on_message = on_message
    client.connect(args.host, args.port, keepalive=60)

    deadline = time.monotonic() + args.timeout
    client.loop_start()
    try:
        while state["received"] < args.count and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        client.loop_stop()
    print(json.dumps({"received": state["received"], "first": state["first"], "last": state["last"]}))
    sys.stdout.flush()
    return 0 if state["received"] >= args.count else 1


if __name__ == "__main__":
    sys.exit(main())
