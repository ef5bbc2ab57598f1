// The two wires of the Calls panel: Switchboard's own on /ws, JSON-RPC 2.0 on /rpc. Each turns the panel's
// requests into its frames, and its frames into the /ws reply shape the panel shows
// ({id, result} | {id, partial} | {id, error, code}).

const ws = {
  path: 'ws',
  example: '{"func":"multiply","args":[3,4]}',
  catalogRequest: () => ({ id: 'catalog', func: 'functions' }),
  call: (req) => ({ id: req.id, func: req.func, args: req.args }),
  cancel: (id) => ({ cancel: id }),
  reply: (message) => message,
};

const rpc = {
  path: 'rpc',
  example: '{"jsonrpc":"2.0","method":"multiply","params":[3,4],"id":1}',
  catalogRequest: () => ({ jsonrpc: '2.0', id: 'catalog', method: 'rpc.discover' }),
  // The panel's arguments are positional, as /ws has them; the same values go as JSON-RPC params.
  call: (req) => ({ jsonrpc: '2.0', id: req.id, method: req.func, params: req.args }),
  cancel: (id) => ({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }),
  reply(message) {
    if (message === null || typeof message !== 'object') return message;
    if (message.method === 'notifications/progress') {
      return { id: message.params?.progressToken, partial: message.params?.value };
    }
    const id = message.id === null ? undefined : message.id;
    if (message.error) {
      return { id, error: message.error.message, code: message.error.data?.code ?? String(message.error.code) };
    }
    if (id === 'catalog' && message.result?.methods) return { id, result: catalogOf(message.result) };
    return 'result' in message ? { id, result: message.result } : message;
  },
};

/** The OpenRPC document as the /ws catalog: each method's params as the JSON Schema of a positional array. */
function catalogOf(document) {
  return document.methods.map((method) => {
    const variadic = method.paramStructure === 'by-name' && method.params.length === 1
      && method.params[0].schema?.type === 'array';
    const params = variadic ? method.params[0].schema : {
      type: 'array',
      prefixItems: method.params.map((p) => ({ ...p.schema, title: p.name, description: p.description })),
      items: false,
      minItems: method.params.filter((p) => p.required).length,
      maxItems: method.params.length,
    };
    return { name: method.name, description: method.description, params, streaming: 'x-progress' in method };
  });
}

export const dialects = { ws, rpc };
