# SPDX-License-Identifier: ISC
# -*- coding: utf-8 -*-
# Shared by the cronkeep.cron modules: find the cronkeep program on the
# managed host and run it with an argument vector (never a shell string),
# reading its --json output.  No crontab is parsed here: cronkeep does that.
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

# Options every module takes: which program, which host tree, which cron.
COMMON_ARGS = dict(
    executable=dict(type='path'),
    root=dict(type='path'),
    dialect=dict(type='str'),
)


def find_cronkeep(module):
    """The cronkeep program's path, or fail_json() saying it is missing."""
    exe = module.params.get('executable')
    if exe:
        import os
        if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
            module.fail_json(msg='cronkeep not found: %s is not an '
                             'executable file' % exe, rc=127)
        return exe
    exe = module.get_bin_path('cronkeep', required=False,
                              opt_dirs=['/usr/local/bin', '/usr/bin'])
    if exe is None:
        module.fail_json(msg='cronkeep is not installed on this host (or '
                         'not in PATH): install it, or give its path with '
                         'the executable option', rc=127)
    return exe


def global_args(module):
    """--root and --dialect, as given to the module."""
    args = []
    if module.params.get('root'):
        args += ['--root', module.params['root']]
    if module.params.get('dialect'):
        args += ['--dialect', module.params['dialect']]
    return args


def run(module, argv, ok=(0,)):
    """Run argv; return (rc, parsed JSON or None, stdout, stderr).

    An exit code outside ok fails the task with cronkeep's own message.
    """
    rc, out, err = module.run_command(argv, check_rc=False)
    if rc not in ok:
        module.fail_json(msg='cronkeep failed (exit %d): %s' %
                         (rc, err.strip() or out.strip()),
                         rc=rc, stdout=out, stderr=err, cmd=argv)
    doc = None
    if out.strip():
        try:
            doc = json.loads(out)
        except ValueError as e:
            module.fail_json(msg='cronkeep printed no JSON document (%s); '
                             'is it too old for this collection?' % e,
                             rc=rc, stdout=out, stderr=err, cmd=argv)
    return rc, doc, out, err
