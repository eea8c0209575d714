-- Neovim's built-in LSP client driving hotpath-clangd (test/clangd/nvim.test).
-- Environment: HOTPATH_CLANGD (the server), HOTPATH_ROOT, HOTPATH_FILE (opened),
-- HOTPATH_FIX (the code whose quick fix to apply), HOTPATH_OUT (the report).
-- The report has one line per diagnostic Neovim holds, as vim.diagnostic.get
-- returns them, before and after the quick fix is applied through Neovim's API.
local out = {}
local function say(line) table.insert(out, line) end
local function finish(ok)
  vim.fn.writefile(out, os.getenv('HOTPATH_OUT'))
  vim.cmd(ok and 'qall!' or 'cquit!')
end

local function lsp_code(d)
  -- Neovim 0.7 keeps the LSP diagnostic in user_data; later versions add code.
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '-'
end

local function report(prefix, bufnr)
  local diags = vim.diagnostic.get(bufnr)
  table.sort(diags, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    return a.col < b.col
  end)
  for _, d in ipairs(diags) do
    say(string.format('%sNVIM DIAG %d:%d %s | %s', prefix, d.lnum + 1, d.col + 1, lsp_code(d),
      (d.message:gsub('\n', ' / '))))
  end
  return diags
end

local function run()
  vim.lsp.set_log_level('ERROR')
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('HOTPATH_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'hotpath-clangd',
    -- No background index: the test needs none and clangd waits for it on exit.
  cmd = { os.getenv('HOTPATH_CLANGD'), '--background-index=false' },
    root_dir = os.getenv('HOTPATH_ROOT'),
  })
  if not client_id then
    say('NVIM could not start the server')
    return false
  end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local fix_code = os.getenv('HOTPATH_FIX')
  local function has(code)
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if lsp_code(d) == code then return d end
    end
    return nil
  end

  if not vim.wait(120000, function() return has(fix_code) ~= nil end, 50) then
    say('NVIM no ' .. fix_code .. ' diagnostic within 120 s')
    report('', bufnr)
    return false
  end
  report('', bufnr)

  -- Ask for the quick fixes of that diagnostic and apply the first, as
  -- vim.lsp.buf.code_action would after the user picked it.
  local d = has(fix_code)
  local range = {
    start = { line = d.lnum, character = d.col },
    ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col },
  }
  -- The LSP form of the line's diagnostics, as vim.lsp.buf.code_action sends.
  local context = {}
  for _, ld in ipairs(vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum)) do
    if ld.code == fix_code then table.insert(context, ld) end
  end
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = range,
    context = { diagnostics = context, only = { 'quickfix' } },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 60000)
  local applied = false
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      if not applied and action.edit then
        say('NVIM ACTION ' .. action.title)
        vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
        applied = true
      end
    end
  end
  if not applied then
    say('NVIM no quick fix offered: ' .. vim.inspect(responses):gsub('\n', ' '))
    return false
  end
  vim.cmd('write')

  -- Neovim sends the edit to the server (didChange); wait for the finding to go.
  if not vim.wait(120000, function() return has(fix_code) == nil end, 50) then
    say('NVIM the diagnostic is still there after the fix')
    report('AFTER ', bufnr)
    return false
  end
  report('AFTER ', bufnr)
  vim.lsp.stop_client(client_id)
  return true
end

-- A Lua error in headless Neovim would leave it waiting for input: report it.
local ok, result = pcall(run)
if not ok then say('NVIM error: ' .. tostring(result)) end
finish(ok and result)
