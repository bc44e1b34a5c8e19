// A stand-in for the `vscode` module, enough for `activate` to run in plain Node (bench/activation.mjs): events
// and registrations return disposables, configuration returns defaults, nothing is open. It records calls so the
// benchmark can check that activation registered what it should.
'use strict';

const calls = [];
const disposable = () => ({ dispose() {} });
const event = () => () => disposable();

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener) => {
      this.listeners.push(listener);
      return disposable();
    };
  }
  fire(value) {
    for (const l of this.listeners) l(value);
  }
  dispose() {}
}

/** Any `onDid…`/`onWill…` is an event; any `create…`/`register…` records the call and returns a disposable thing. */
function namespace(name, known) {
  return new Proxy(known, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (typeof prop !== 'string') return undefined;
      if (/^on(Did|Will)/.test(prop)) return event();
      if (/^(create|register)/.test(prop)) {
        return (...args) => {
          calls.push(`${name}.${prop}${typeof args[0] === 'string' ? `(${args[0]})` : ''}`);
          return new Proxy({}, { get: (_, p) => (p === 'dispose' ? () => {} : p === 'then' ? undefined : /^on/.test(String(p)) ? event() : () => {}) });
        };
      }
      return undefined;
    },
  });
}

const log = () => ({ info() {}, warn() {}, error() {}, debug() {}, trace() {}, appendLine() {}, append() {}, show() {}, dispose() {} });

module.exports = {
  __calls: calls,
  EventEmitter,
  Disposable: class {
    constructor(fn) {
      this.dispose = fn;
    }
  },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  CodeActionKind: { QuickFix: { value: 'quickfix', append() {} }, Empty: { value: '' } },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  Uri: {
    file: (fsPath) => ({ fsPath, scheme: 'file', toString: () => `file://${fsPath}` }),
    joinPath: (base, ...parts) => ({ fsPath: [base.fsPath, ...parts].join('/'), scheme: 'file' }),
    parse: (value) => ({ toString: () => value }),
  },
  window: namespace('window', {
    createOutputChannel: (name) => {
      calls.push(`window.createOutputChannel(${name})`);
      return log();
    },
  }),
  workspace: namespace('workspace', {
    textDocuments: [],
    workspaceFolders: undefined,
    getConfiguration: () => ({ get: (_key, fallback) => fallback, inspect: () => undefined, update: async () => {} }),
    getWorkspaceFolder: () => undefined,
  }),
  languages: namespace('languages', {}),
  commands: namespace('commands', { executeCommand: async () => undefined }),
  authentication: namespace('authentication', {}),
  env: { clipboard: { writeText: async () => {} }, openExternal: async () => true },
};
