"""Shape: a pending asyncio Task kept in a module-level list (a common leak).

    PENDING --0--> <Task> --._coro--> <coroutine worker> --.locals['buf']--> bytearray
                          --._loop--> <event loop>
                          --._fut_waiter--> <Future> (what it awaits)
                          --._context--> <Context>, --._name--> 'Task-…' (3.13: a number)
"""
import asyncio

import _target

PENDING = []


async def worker(buf):
    await asyncio.sleep(3600)


async def main():
    PENDING.append(asyncio.ensure_future(worker(bytearray(1000))))
    await asyncio.sleep(0)
    task = PENDING[0]
    _target.dump(task=task, coro=task.get_coro(), loop=asyncio.get_event_loop())
    task.cancel()


asyncio.run(main())
