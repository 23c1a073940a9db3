"""Read a streaming subscription of ewsmock with exchangelib.

While a thread creates 20 messages in the Inbox, iterate
get_streaming_events and print

    STREAM OK received <n>/<n> max latency <ms> ms
    STREAM FAIL <why>

Reads EWS_URL, EWS_USER, EWS_PASSWORD and EWS_MAILBOX from the environment.
"""
import os
import sys
import threading
import time

from exchangelib import Account, BASIC, Configuration, Credentials, DELEGATE, Message

N = 20
cfg = Configuration(service_endpoint=os.environ["EWS_URL"], auth_type=BASIC, max_connections=4,
                    credentials=Credentials(os.environ["EWS_USER"], os.environ["EWS_PASSWORD"]))
account = Account(os.environ["EWS_MAILBOX"], config=cfg, access_type=DELEGATE, autodiscover=False)
created = {}
errors = []


def write():
    try:
        time.sleep(0.5)
        for i in range(N):
            start = time.time()
            m = Message(account=account, folder=account.inbox, subject=f"stream {i}", body="x")
            m.save()
            created[m.id] = start
            time.sleep(0.02)
    except Exception as e:  # noqa: BLE001
        errors.append(e)


def main():
    sub = account.inbox.subscribe_to_streaming()
    threading.Thread(target=write, daemon=True).start()
    got = {}
    deadline = time.time() + 30
    try:
        for n in account.inbox.get_streaming_events(sub, connection_timeout=1):
            for e in n.events:
                if type(e).__name__ == "CreatedEvent":
                    got[e.item_id.id] = time.time()
            if len(created) == N and all(i in got for i in created):
                break
            if errors or time.time() > deadline:
                break
    except Exception as e:  # noqa: BLE001
        print(f"STREAM FAIL {type(e).__name__}: {e}")
        return
    if errors:
        print(f"STREAM FAIL creating messages: {errors[0]}")
    elif len(created) != N or not all(i in got for i in created):
        print(f"STREAM FAIL received {sum(1 for i in created if i in got)}/{N}")
    else:
        worst = max(got[i] - created[i] for i in created)
        print(f"STREAM OK received {N}/{N} max latency {worst * 1000:.1f} ms")


main()
# Leave without waiting for the open stream (up to a minute) to end.
sys.stdout.flush()
os._exit(0)
