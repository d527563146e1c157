-- Wireshark dissector for lab 07's session protocol (NetLab).
--
-- Load it once:   wireshark -X lua_script:Handouts/session.lua capture.pcap
--            or:  tshark -X lua_script:Handouts/session.lua -r capture.pcap
-- or copy it into your personal plugins folder (Help > About Wireshark > Folders).
--
-- It decodes TCP port 2323 (lab07-framing session-server's default); for another port use
-- Decode As… or `tshark -d tcp.port==PORT,netlab_session`. Messages split across TCP
-- segments are reassembled. Display filters: netlab_session, netlab_session.type == 4
-- (DATA), netlab_session.seq, netlab_session.session_id, netlab_session.checksum_bad.

local session = Proto("netlab_session", "NetLab session protocol (lab 07)")

local type_names = {
    [1] = "SYN", [2] = "SYN-ACK", [3] = "ACK", [4] = "DATA", [5] = "ERROR", [6] = "KEEPALIVE", [7] = "DISCONNECT",
}
local mode_names = { [1] = "step", [2] = "burst" }

local f = session.fields
f.length     = ProtoField.uint32("netlab_session.length", "Length (bytes after this field)", base.DEC)
f.type       = ProtoField.uint8("netlab_session.type", "Type", base.DEC, type_names)
f.seq        = ProtoField.uint32("netlab_session.seq", "Sequence number", base.DEC)
f.checksum   = ProtoField.uint32("netlab_session.checksum", "Checksum (CRC-32)", base.HEX)
f.checksum_bad = ProtoField.bool("netlab_session.checksum_bad", "Checksum bad")
f.payload    = ProtoField.bytes("netlab_session.payload", "Payload")
f.version    = ProtoField.uint8("netlab_session.version", "Version", base.DEC)
f.mode       = ProtoField.uint8("netlab_session.mode", "Mode", base.DEC, mode_names)
f.max_packet = ProtoField.uint32("netlab_session.max_packet", "Maximum packet", base.DEC)
f.window     = ProtoField.uint16("netlab_session.window", "Window", base.DEC)
f.client_id  = ProtoField.string("netlab_session.client_id", "Client ID")
f.status     = ProtoField.uint8("netlab_session.status", "Status", base.DEC, { [0] = "accepted", [1] = "refused" })
f.session_id = ProtoField.uint64("netlab_session.session_id", "Session ID", base.HEX)
f.keepalive  = ProtoField.uint32("netlab_session.keepalive_ms", "Keep-alive interval (ms)", base.DEC)
f.reason     = ProtoField.string("netlab_session.reason", "Reason")

-- CRC-32 (IEEE) of the header with the checksum field (bytes 9-12) zeroed, then the payload.
local bit = bit or bit32
local crc_table
local function crc32(bytes)
    if not bit then return nil end
    if not crc_table then
        crc_table = {}
        for i = 0, 255 do
            local c = i
            for _ = 1, 8 do
                if bit.band(c, 1) == 1 then c = bit.bxor(bit.rshift(c, 1), 0xEDB88320) else c = bit.rshift(c, 1) end
            end
            crc_table[i] = c
        end
    end
    local crc = 0xFFFFFFFF
    for i = 0, bytes:len() - 1 do
        local byte = (i >= 9 and i < 13) and 0 or bytes:get_index(i)
        crc = bit.bxor(bit.rshift(crc, 8), crc_table[bit.band(bit.bxor(crc, byte), 0xFF)])
    end
    crc = bit.bnot(crc)
    if crc < 0 then crc = crc + 4294967296 end
    return crc
end

local function message_length(buffer, pinfo, offset)
    return 4 + buffer(offset, 4):uint()
end

local function dissect_message(buffer, pinfo, tree)
    local length = buffer(0, 4):uint()
    if length < 9 then return 0 end
    local kind = buffer(4, 1):uint()
    local seq = buffer(5, 4):uint()
    local payload_length = length - 9
    local subtree = tree:add(session, buffer(0, 4 + length), "NetLab session: " .. (type_names[kind] or "?"))
    subtree:add(f.length, buffer(0, 4))
    subtree:add(f.type, buffer(4, 1))
    subtree:add(f.seq, buffer(5, 4))
    local checksum_item = subtree:add(f.checksum, buffer(9, 4))
    local computed = crc32(buffer(0, 4 + length):bytes())
    local bad = computed ~= nil and computed ~= buffer(9, 4):uint()
    if computed ~= nil then
        checksum_item:append_text(bad and string.format(" [BAD: computed 0x%08x]", computed) or " [correct]")
        subtree:add(f.checksum_bad, bad):set_generated()
    end
    local info = string.format("%s seq=%u", type_names[kind] or ("type " .. kind), seq)
    if payload_length > 0 then
        local p = buffer(13, payload_length)
        local payload_tree = subtree:add(f.payload, p)
        if kind == 1 and payload_length >= 9 and not bad then
            payload_tree:add(f.version, p(0, 1))
            payload_tree:add(f.mode, p(1, 1))
            payload_tree:add(f.max_packet, p(2, 4))
            payload_tree:add(f.window, p(6, 2))
            if p(8, 1):uint() > 0 and payload_length >= 9 + p(8, 1):uint() then
                payload_tree:add(f.client_id, p(9, p(8, 1):uint()))
            end
            info = info .. string.format(" mode=%s packet=%u window=%u", mode_names[p(1, 1):uint()] or "?",
                p(2, 4):uint(), p(6, 2):uint())
        elseif kind == 2 and payload_length >= 20 and not bad then
            payload_tree:add(f.status, p(0, 1))
            payload_tree:add(f.session_id, p(1, 8))
            payload_tree:add(f.max_packet, p(9, 4))
            payload_tree:add(f.mode, p(13, 1))
            payload_tree:add(f.window, p(14, 2))
            payload_tree:add(f.keepalive, p(16, 4))
            if payload_length > 20 then payload_tree:add(f.reason, p(20, payload_length - 20)) end
            info = info .. (p(0, 1):uint() == 0 and string.format(" accepted id=%s packet=%u window=%u",
                tostring(p(1, 8):uint64():tohex()), p(9, 4):uint(), p(14, 2):uint()) or " refused")
        elseif kind == 3 and payload_length == 8 then
            payload_tree:add(f.session_id, p(0, 8))
        end
        info = info .. string.format(" len=%u", payload_length)
    end
    if bad then info = info .. " [BAD CHECKSUM]" end
    local previous = tostring(pinfo.cols.info)
    if pinfo.private.netlab_session_seen == "1" then
        pinfo.cols.info = previous .. ", " .. info
    else
        pinfo.cols.info = info
        pinfo.private.netlab_session_seen = "1"
    end
    return 4 + length
end

function session.dissector(buffer, pinfo, tree)
    if buffer:len() < 4 then
        pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT
        return
    end
    pinfo.cols.protocol = "SESSION"
    dissect_tcp_pdus(buffer, tree, 4, message_length, dissect_message)
end

DissectorTable.get("tcp.port"):add(2323, session)
