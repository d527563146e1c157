-- Wireshark dissector for lab 07's FETCH relay (NetLab), as the capstone (lab 09) uses it.
--
-- Load it once:   wireshark -X lua_script:Handouts/relay.lua capture.pcap
--            or:  tshark -X lua_script:Handouts/relay.lua -r capture.pcap
-- or copy it into your personal plugins folder (Help > About Wireshark > Folders).
--
-- It decodes TCP port 2121 (lab07-framing relay's default); for another port use Decode As…
-- or `tshark -d tcp.port==PORT,netlab_relay`. Both framings are understood, frame by frame:
-- a frame whose first byte is an ASCII digit has a 10-digit length, any other a 4-byte one.
-- Frames split across TCP segments are reassembled. Display filters: netlab_relay,
-- netlab_relay.kind == 2 (DATA), netlab_relay.status, netlab_relay.url, netlab_relay.total.

local relay = Proto("netlab_relay", "NetLab FETCH relay (lab 07)")

local kind_names = { [1] = "STATUS", [2] = "DATA", [3] = "END", [4] = "ERROR" }
local framing_names = { [0] = "binary (4-byte length)", [1] = "ASCII (10-digit length)" }

local f = relay.fields
f.framing  = ProtoField.uint8("netlab_relay.framing", "Framing", base.DEC, framing_names)
f.length   = ProtoField.uint32("netlab_relay.length", "Payload length", base.DEC)
f.request  = ProtoField.string("netlab_relay.request", "Request")
f.url      = ProtoField.string("netlab_relay.url", "URL")
f.kind     = ProtoField.uint8("netlab_relay.kind", "Kind", base.DEC, kind_names)
f.status   = ProtoField.uint16("netlab_relay.status", "Status code", base.DEC)
f.body_length = ProtoField.uint64("netlab_relay.body_length", "Body length (0xffffffffffffffff: not given)", base.DEC)
f.content_type = ProtoField.string("netlab_relay.content_type", "Content type")
f.reason   = ProtoField.string("netlab_relay.reason", "Reason")
f.data     = ProtoField.bytes("netlab_relay.data", "Body bytes")
f.total    = ProtoField.uint64("netlab_relay.total", "Total body bytes sent", base.DEC)

local function is_digit(byte) return byte >= 0x30 and byte <= 0x39 end

-- The header's size and the payload's length of the frame at `offset`, or nil if the
-- header is not whole yet (or not a length at all).
local function header(buffer, offset)
    local available = buffer:len() - offset
    if available < 1 then return nil end
    if is_digit(buffer(offset, 1):uint()) then
        if available < 10 then return nil end
        local digits = buffer(offset, 10):string()
        if not digits:match("^%d%d%d%d%d%d%d%d%d%d$") then return nil end
        return 10, tonumber(digits)
    end
    if available < 4 then return nil end
    return 4, buffer(offset, 4):uint()
end

-- The whole frame's length, or (negative) how many more bytes its header needs.
local function frame_length(buffer, pinfo, offset)
    local size, length = header(buffer, offset)
    if size == nil then return -(10 - (buffer:len() - offset)) end
    return size + length
end

local function dissect_frame(buffer, pinfo, tree)
    local size, length = header(buffer, 0)
    if size == nil then return 0 end
    local subtree = tree:add(relay, buffer(0, size + length))
    subtree:add(f.framing, buffer(0, 1), size == 10 and 1 or 0):set_generated()
    subtree:add(f.length, buffer(0, size), length)
    local info
    if length == 0 then
        info = "empty frame"
    elseif length >= 6 and buffer(size, 6):string() == "FETCH " then
        subtree:add(f.request, buffer(size, length))
        subtree:add(f.url, buffer(size + 6, length - 6))
        info = "FETCH " .. buffer(size + 6, length - 6):string()
    else
        local p = buffer(size, length)
        local kind = p(0, 1):uint()
        subtree:add(f.kind, p(0, 1))
        info = kind_names[kind] or ("kind " .. kind)
        if kind == 1 and length >= 3 then
            local code = p(1, 2):uint()
            subtree:add(f.status, p(1, 2))
            if code == 200 and length >= 11 then
                subtree:add(f.body_length, p(3, 8))
                if length > 11 then subtree:add(f.content_type, p(11, length - 11)) end
                info = info .. " 200 " .. (length > 11 and p(11, length - 11):string() or "")
            else
                if length > 3 then subtree:add(f.reason, p(3, length - 3)) end
                info = info .. " " .. code .. (length > 3 and (" " .. p(3, length - 3):string()) or "")
            end
        elseif kind == 2 and length > 1 then
            subtree:add(f.data, p(1, length - 1))
            info = info .. " len=" .. (length - 1)
        elseif kind == 3 and length == 9 then
            subtree:add(f.total, p(1, 8))
            info = info .. " total=" .. tostring(p(1, 8):uint64())
        elseif kind == 4 and length >= 3 then
            subtree:add(f.status, p(1, 2))
            if length > 3 then subtree:add(f.reason, p(3, length - 3)) end
            info = info .. " " .. p(1, 2):uint()
        end
    end
    subtree:append_text(": " .. info)
    if pinfo.private.netlab_relay_seen == "1" then
        pinfo.cols.info = tostring(pinfo.cols.info) .. ", " .. info
    else
        pinfo.cols.info = info
        pinfo.private.netlab_relay_seen = "1"
    end
    return size + length
end

function relay.dissector(buffer, pinfo, tree)
    if buffer:len() < 1 then return 0 end
    pinfo.cols.protocol = "RELAY"
    -- The smallest header is 4 bytes; dissect_tcp_pdus asks frame_length for the rest.
    dissect_tcp_pdus(buffer, tree, 4, frame_length, dissect_frame)
end

DissectorTable.get("tcp.port"):add(2121, relay)
