#!/usr/bin/env python3
"""gen_users.py ROOT N: a host tree under ROOT with N users' crontabs in
Debian's spool (ROOT/var/spool/cron/crontabs/userNNNNN), three jobs each
with an id, seeded: the same tree every time.  For the inventory test."""
import os
import random
import sys


def main():
    root, n = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(22)
    spool = os.path.join(root, "var", "spool", "cron", "crontabs")
    os.makedirs(spool, exist_ok=True)
    os.makedirs(os.path.join(root, "etc", "cron.d"), exist_ok=True)
    for u in range(n):
        name = "user%05d" % u
        lines = ["MAILTO=\"\""]
        for k in range(3):
            lines.append("# cronkeep: job%d" % k)
            lines.append("%d %d * * %s /usr/local/bin/task%d --user %s" % (
                rnd.randrange(60), rnd.randrange(24),
                rnd.choice(["*", "1-5", "0,6"]), k, name))
        path = os.path.join(spool, name)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(path, 0o600)


if __name__ == "__main__":
    main()
