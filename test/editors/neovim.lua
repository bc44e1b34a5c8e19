-- Run by test/editors/neovim.mjs in a headless Neovim (0.7 or later, Debian's package): attaches
-- `plreview lsp --stdio` to a Bicep design with a wrong group id, waits for the diagnostic, applies the
-- server's quick fix through Neovim's own LSP client, waits for the diagnostic to clear, and writes what it saw
-- to $PLR_OUT as JSON. Every step's outcome is recorded; the test runner asserts on them.
local result = { steps = {} }
local function record(key, value) result[key] = value end
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, vim.env.PLR_OUT)
  vim.cmd('qa!')
end

vim.lsp.set_log_level(vim.env.PLR_LSP_LOG or 'warn')
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.PLR_FILE))
  local buf = vim.api.nvim_get_current_buf()
  local root = vim.env.PLR_ROOT
  local client_id = vim.lsp.start_client({
    name = 'plreview',
    cmd = vim.fn.json_decode(vim.env.PLR_CMD),
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'design' } },
  })
  vim.lsp.buf_attach_client(buf, client_id)

  local function codes()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(list, { code = code, message = d.message, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, source = d.source })
    end
    return list
  end
  local function has(code)
    for _, d in ipairs(codes()) do if d.code == code then return d end end
    return nil
  end

  record('diagnosed', vim.wait(30000, function() return has('group-id-mismatch') ~= nil end, 50))
  record('before', codes())
  local found = has('group-id-mismatch')
  if not found then return end

  -- The diagnostic as the server sent it (Neovim keeps it as line and byte columns; the text is ASCII).
  local lsp_diag = {
    range = { start = { line = found.lnum, character = found.col }, ['end'] = { line = found.end_lnum, character = found.end_col } },
    message = found.message,
    source = found.source,
    code = found.code,
    severity = found.severity,
  }
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
  local titles, fix = {}, nil
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      if action.isPreferred and not fix then fix = action end
    end
  end
  record('actions', titles)
  if not fix then return end
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  record('fixedLine', vim.api.nvim_buf_get_lines(buf, found.lnum, found.lnum + 1, false)[1])
  record('cleared', vim.wait(30000, function() return has('group-id-mismatch') == nil end, 50))
  record('after', codes())
end)
if not ok then record('error', tostring(err)) end
finish()
