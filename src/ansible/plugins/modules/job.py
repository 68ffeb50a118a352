#!/usr/bin/python
# SPDX-License-Identifier: ISC
# -*- coding: utf-8 -*-
# cronkeep.cron.job: one cron job by id, through the cronkeep program.
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: job
short_description: Manage one cron job by id with cronkeep
version_added: "0.1.0"
description:
  - "Creates, updates, renames (a new schedule or command under the same
    id), enables, disables or removes one cron job, identified by its id
    (the C(# cronkeep: ID) marker line above it)."
  - The work is done by the C(cronkeep) program on the managed host
    (C(cronkeep set), C(remove), C(enable), C(disable) with C(--json)) -
    only the job's own lines change, writes are atomic (files) or go
    through crontab(1) (user crontabs), and a crontab changed by someone
    else meanwhile is not overwritten.
  - "Jobs written by M(ansible.builtin.cron) (a C(#Ansible: NAME) line
    above the job) are adopted when I(id) is their NAME, so a playbook
    can switch modules without duplicating its jobs."
  - The lines to write are checked for the cron that will run them
    (I(dialect)), as C(cronkeep check) does - errors fail the task (nothing
    is written), warnings are returned as warnings (or fail it with
    I(strict)).
  - Supports check mode (nothing is written, the result says what would
    change) and diff mode (the unified diff of the crontab).
requirements:
  - cronkeep on the managed host (in PATH, or given with I(executable)).
author:
  - cronkeep developers
options:
  id:
    description:
      - "The job's id. A job under C(# cronkeep: ID) or another tool's
        marker with that name (C(#Ansible:), C(# Puppet Name:), ...) is
        the one managed."
    type: str
    required: true
  schedule:
    description:
      - The schedule as cron text, C(*/5 * * * *) or C(@daily).
      - "Jenkins' hashed forms C(H), C(H/N), C(H(a-b)) and C(H(a-b)/N) are
        accepted in any field: cronkeep writes plain cron, each C(H) resolved
        by a stable hash of the host name (I(hash_host)), the crontab's owner
        and I(id), or of I(seed); the request is kept on the marker line, so
        a second run with the same options is C(ok)."
      - Give I(schedule) or I(when) with I(state=present).
    type: str
  when:
    description:
      - The schedule as a phrase, C(every weekday at 18:30) (see
        C(cronkeep explain --when)); refused when cron cannot say it
        exactly.
    type: str
  command:
    description:
      - The command, as the shell is to run it - cronkeep writes a C(%)
        as C(\%) for cron.
      - Required with I(schedule) or I(when).
    type: str
  state:
    description:
      - C(present) the job exists as given and runs.
      - C(absent) the job is removed (nothing happens when there is none).
      - C(disabled) the job is kept, commented out under its marker; with
        I(schedule)/I(when) and I(command) it is also written as given.
      - C(enabled) the job runs again; with I(schedule)/I(when) and
        I(command) it is also written as given.
    type: str
    choices: [present, absent, enabled, disabled]
    default: present
  user:
    description:
      - Without I(cron_file) and I(path), the crontab of this user
        (through crontab(1); under I(root), the user's spool file).
      - With I(cron_file), the user column of the job (default C(root)).
      - With I(path), the user column when I(path) is a system crontab.
    type: str
  cron_file:
    description:
      - A file in C(/etc/cron.d) (its name, or its path there) instead of
        a user's crontab; I(user) is the job's user column.
    type: str
  path:
    description:
      - A crontab file anywhere, in user format (system format when it is
        C(/etc/crontab) or in C(/etc/cron.d)).
    type: path
  root:
    description:
      - cronkeep's C(--root) - a prefix for every system path, to manage
        a host image or a container's tree.
    type: path
  env:
    description:
      - Environment variables for this job only (written as a command
        prefix quoted for sh).
    type: dict
  comment:
    description:
      - A note on the marker line; an empty string removes it.
    type: str
  hash_host:
    description:
      - The host name hashed for C(H) fields in I(schedule) (default - the
        managed host's own name). Give C({{ inventory_hostname }}) when
        several inventory hosts share one machine or one name.
    type: str
  seed:
    description:
      - Hash this text for C(H) fields instead of host, owner and id (the
        same seed gives the same times everywhere).
    type: str
  dialect:
    description:
      - The cron that runs the crontab - C(debian), C(cronie), C(openbsd),
        C(busybox), C(portable) or C(auto) (the host's).
    type: str
  backup:
    description:
      - Save the crontab as it was before a change; the copy's path is
        returned as I(backup_file).
    type: bool
    default: false
  strict:
    description:
      - Fail on lint warnings too, not only on errors.
    type: bool
    default: false
  executable:
    description:
      - The cronkeep program on the managed host (default - found in
        PATH).
    type: path
notes:
  - Idempotent - a second run with the same options reports C(ok).
  - Check mode and diff mode are fully supported.
seealso:
  - module: cronkeep.cron.info
  - module: ansible.builtin.cron
'''

EXAMPLES = r'''
- name: Nightly backup in root's crontab
  cronkeep.cron.job:
    id: backup
    schedule: "30 2 * * *"
    command: /usr/local/bin/backup --quiet
    user: root

- name: The same job on every web host, in /etc/cron.d/web
  hosts: web
  tasks:
    - cronkeep.cron.job:
        id: purge-cache
        when: every 15 minutes
        command: /usr/local/bin/purge-cache
        cron_file: web
        user: www-data
        env:
          MAILTO: ops@example.com
        comment: keeps the cache small

- name: Each host its own stable minute and hour between 01:00 and 04:59
  cronkeep.cron.job:
    id: rotate-logs
    schedule: "H H(1-4) * * *"
    command: /usr/sbin/logrotate /etc/logrotate.conf
    hash_host: "{{ inventory_hostname }}"
    cron_file: logs

- name: "Take over a job that ansible.builtin.cron wrote (#Ansible: rotate)"
  cronkeep.cron.job:
    id: rotate
    schedule: "@daily"
    command: /usr/sbin/logrotate /etc/logrotate.conf

- name: Switch a job off, keeping it
  cronkeep.cron.job:
    id: backup
    state: disabled
    user: root

- name: Remove it
  cronkeep.cron.job:
    id: backup
    state: absent
    user: root
'''

RETURN = r'''
result:
  description: What cronkeep did (or would do in check mode) -
    C(created), C(updated), C(unchanged), C(enabled), C(disabled),
    C(removed) or C(absent) (there was no such job).
  returned: always
  type: str
  sample: updated
line:
  description: The job's line in the crontab (1-based), when it exists.
  returned: when the job exists
  type: int
  sample: 4
diff_text:
  description: The unified diff of the crontab (shown with --diff).
  returned: when something changed
  type: str
warnings_lint:
  description: Lint warnings on the lines written (cronkeep's findings).
  returned: when there are some
  type: list
  elements: dict
backup_file:
  description: The copy of the crontab made before the change.
  returned: when I(backup) is set and the crontab changed
  type: str
cmd:
  description: The cronkeep command line that made the change.
  returned: when something changed
  type: list
  elements: str
'''

import os
import tempfile
import time

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.cronkeep.cron.plugins.module_utils.cronkeep import (
    COMMON_ARGS, find_cronkeep, global_args, run)


def where_args(module):
    """Which crontab: --cron-d, -f or -u (default: the remote user's)."""
    p = module.params
    if p['cron_file']:
        name = p['cron_file']
        if '/' in name:
            d, base = os.path.split(os.path.normpath(name))
            if d != '/etc/cron.d' or not base:
                module.fail_json(msg='cron_file must name a file in '
                                 '/etc/cron.d: %s' % name)
            name = base
        return ['--cron-d', name]
    if p['path']:
        return ['-f', p['path']]
    if p['user']:
        return ['-u', p['user']]
    return []


def column_user(module):
    """The --user argument of set: the user column, or None."""
    p = module.params
    if p['cron_file']:
        return p['user'] or 'root'
    if p['path']:
        return p['user']
    return None


def backup_path(module):
    p = module.params
    stamp = time.strftime('%Y-%m-%d@%H:%M:%S')
    if p['cron_file'] or p['path']:
        if p['path']:
            target = p['path']
        else:
            target = (p['root'] or '') + '/etc/cron.d/' + \
                os.path.basename(p['cron_file'])
        return '%s.%d.%s~' % (target, os.getpid(), stamp)
    fd, path = tempfile.mkstemp(prefix='crontab.', suffix='.bak')
    os.close(fd)
    return path


def warn_lint(module, doc):
    """cronkeep lints the lines it writes: its warnings become ours."""
    found = doc.get('warnings') or []
    for d in found:
        module.warn('line %s: %s [%s]' % (d.get('line'), d.get('message'),
                                          d.get('code')))
    return found


def exists(module, exe, base):
    """Is there a job with this id?  find exits 66 with the JSON error
    "no job with id ..." when there is none (other 66s: a missing file,
    which fail the task)."""
    argv = base + ['find', '--id', module.params['id'], '--json']
    rc, doc, out, err = run(module, argv, ok=(0, 1, 66))
    if rc == 66:
        msg = ((doc or {}).get('error') or {}).get('message', '')
        if msg.startswith('no job with id'):
            return False
        module.fail_json(msg='cronkeep failed (exit 66): %s' %
                         (err.strip() or out.strip()), rc=rc, stdout=out,
                         stderr=err, cmd=argv)
    return rc == 0 and doc is not None and len(doc.get('jobs', [])) > 0


def main():
    spec = dict(
        id=dict(type='str', required=True),
        schedule=dict(type='str'),
        when=dict(type='str'),
        command=dict(type='str'),
        state=dict(type='str', default='present',
                   choices=['present', 'absent', 'enabled', 'disabled']),
        user=dict(type='str'),
        cron_file=dict(type='str'),
        path=dict(type='path'),
        env=dict(type='dict'),
        comment=dict(type='str'),
        hash_host=dict(type='str'),
        seed=dict(type='str'),
        backup=dict(type='bool', default=False),
        strict=dict(type='bool', default=False),
    )
    spec.update(COMMON_ARGS)
    module = AnsibleModule(
        argument_spec=spec,
        mutually_exclusive=[('schedule', 'when'), ('cron_file', 'path')],
        required_if=[('state', 'present', ('schedule', 'when'), True),
                     ('state', 'present', ('command',))],
        supports_check_mode=True,
    )
    p = module.params
    exe = find_cronkeep(module)
    base = [exe] + global_args(module) + where_args(module)
    has_spec = (p['schedule'] or p['when']) is not None
    if has_spec and p['command'] is None:
        module.fail_json(msg='command is required with schedule or when')
    if p['command'] is not None and not has_spec:
        module.fail_json(msg='command needs schedule or when')
    result = dict(changed=False, id=p['id'])
    lint_found = []
    if p['state'] == 'absent':
        if not exists(module, exe, base):
            result['result'] = 'absent'
            module.exit_json(**result)
        verb = ['remove', '--id', p['id']]
    elif has_spec:
        if p['schedule'] is not None:
            sched = [p['schedule']]
        else:
            sched = ['--when', p['when']]
        verb = ['set', '--id', p['id']]
        if p['state'] == 'disabled':
            verb.append('--disabled')
        if p['strict']:
            verb.append('--strict')
        if column_user(module) is not None:
            verb += ['--user', column_user(module)]
        if p['comment'] is not None:
            verb += ['--comment', p['comment']]
        if p['hash_host'] is not None:
            verb += ['--host', p['hash_host']]
        if p['seed'] is not None:
            verb += ['--seed', p['seed']]
        for k in sorted(p['env'] or {}):
            verb += ['--env', '%s=%s' % (k, p['env'][k])]
        verb += sched + ['--', p['command']]
    else:
        verb = ['enable' if p['state'] == 'enabled' else 'disable',
                '--id', p['id']]

    # A dry run first: what would change, and the diff.  Nothing more
    # happens when nothing would change (or in check mode).
    rc, doc, out, err = run(module, base + ['--json', '-n'] + verb)
    if verb[0] == 'remove':
        what = 'removed'
    else:
        what = doc.get('result')
    changed = what != 'unchanged'
    if doc.get('line'):
        result['line'] = doc['line']
    lint_found = warn_lint(module, doc)
    if lint_found:
        result['warnings_lint'] = lint_found
    result['result'] = what
    if changed:
        result['diff_text'] = doc.get('diff') or ''
    if changed and not module.check_mode:
        argv = base + ['--json']
        if p['backup']:
            result['backup_file'] = backup_path(module)
            argv += ['--backup', result['backup_file']]
        argv += verb
        rc, doc, out, err = run(module, argv)
        what = 'removed' if verb[0] == 'remove' else doc.get('result')
        changed = what != 'unchanged'
        result['result'] = what
        result['cmd'] = argv
        if doc.get('line'):
            result['line'] = doc['line']
    result['changed'] = changed
    if changed and module._diff:
        result['diff'] = dict(prepared=result.get('diff_text', ''))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
