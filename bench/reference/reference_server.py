"""Reference server of the Switchboard benchmark (bench/run.sh): the seed's calls protocol on FastAPI/uvicorn.

/ws     {"func":"multiply","args":[3,4]} -> {"result":12}; "id" is echoed ({"id":..,"result":..}) and a call
        with an id runs as its own asyncio task, so a client can pipeline. add, subtract, multiply, divide;
        an unknown function -> {"error":"Unknown function 'x'","code":"unknown_function"}.
/events every chat message ({"source","content"}) is numbered, encoded once and sent to every client,
        like Switchboard's bus and bench/node/broadcast.js.

Run: /usr/bin/python3 -m uvicorn --app-dir bench/reference reference_server:app --host 127.0.0.1 --port 18081
"""
import asyncio
import json
import time

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()


def _divide(a, b):
    if b == 0:
        raise ZeroDivisionError
    return a / b


FUNCTIONS = {
    "add": lambda a, b: a + b,
    "subtract": lambda a, b: a - b,
    "multiply": lambda a, b: a * b,
    "divide": _divide,
}


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def call(request):
    """The reply body of one request (without its id)."""
    func = request.get("func")
    if not isinstance(func, str):
        return {"error": "Field 'func' must be a string", "code": "invalid_request"}
    function = FUNCTIONS.get(func)
    if function is None:
        return {"error": f"Unknown function '{func}'", "code": "unknown_function"}
    args = request.get("args", [])
    if not isinstance(args, list) or len(args) != 2 or not all(_is_number(a) for a in args):
        return {"error": f"{func} expects 2 numbers (a, b)", "code": "invalid_args"}
    try:
        return {"result": function(*args)}
    except ZeroDivisionError:
        return {"error": "Division by zero", "code": "math_error"}


def reply(request, body):
    if "id" in request:
        return {"id": request["id"], **body}
    return body


@app.websocket("/ws")
async def calls(websocket: WebSocket):
    await websocket.accept()
    tasks = set()

    async def answer(request):
        await websocket.send_text(json.dumps(reply(request, call(request))))

    try:
        while True:
            text = await websocket.receive_text()
            try:
                request = json.loads(text)
            except ValueError:
                await websocket.send_text(json.dumps({"error": "Invalid JSON", "code": "invalid_json"}))
                continue
            if not isinstance(request, dict):
                await websocket.send_text(json.dumps({"error": "Expected an object", "code": "invalid_request"}))
            elif "id" in request:
                task = asyncio.create_task(answer(request))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
            else:
                await answer(request)
    except WebSocketDisconnect:
        pass
    finally:
        for task in tasks:
            task.cancel()


class Bus:
    """Every connected /events client gets every chat message, numbered, encoded once."""

    def __init__(self):
        self.clients = set()
        self.offset = 0

    async def publish(self, source, content):
        text = json.dumps({"type": "InboundEvent", "source": f"platform-ws:{source}", "content": content,
                           "timestamp": time.time(), "offset": self.offset})
        self.offset += 1
        clients = list(self.clients)
        results = await asyncio.gather(*(client.send_text(text) for client in clients), return_exceptions=True)
        for client, result in zip(clients, results):
            if isinstance(result, Exception):
                self.clients.discard(client)


bus = Bus()


@app.websocket("/events")
async def events(websocket: WebSocket):
    await websocket.accept()
    bus.clients.add(websocket)
    try:
        while True:
            text = await websocket.receive_text()
            try:
                message = json.loads(text)
            except ValueError:
                await websocket.send_text(json.dumps({"type": "ErrorEvent", "code": "invalid_json",
                                                      "message": "Invalid JSON"}))
                continue
            content = message.get("content") if isinstance(message, dict) else None
            if not isinstance(content, str) or not content:
                await websocket.send_text(json.dumps({"type": "ErrorEvent", "code": "invalid_request",
                                                      "message": "Field 'content' must be a non-empty string"}))
                continue
            await bus.publish(message.get("source") or "anonymous", content)
    except WebSocketDisconnect:
        pass
    finally:
        bus.clients.discard(websocket)
