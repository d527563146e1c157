-- Wireshark dissector for NetLab's RUDP (lab 08).
--
-- Load it once:   wireshark -X lua_script:Handouts/rudp.lua capture.pcap
--            or:  tshark -X lua_script:Handouts/rudp.lua -r capture.pcap
-- or copy it into your personal plugins folder (Help > About Wireshark > Folders).
--
-- It decodes UDP port 2122 (lab08-rudp's default) and, heuristically, any UDP datagram
-- that looks like an RUDP segment (version 1, a length field that matches). Display
-- filters: netlab_rudp, netlab_rudp.flags.syn == 1, netlab_rudp.seq, netlab_rudp.ack,
-- netlab_rudp.conn, netlab_rudp.checksum_bad. (Wireshark already has an unrelated "rudp".)
-- Datagrams the lossy channel dropped are in the pcap with IP TTL 0: ip.ttl == 0.

local rudp = Proto("netlab_rudp", "NetLab Reliable UDP (lab 08)")

local flag_names = { [0x01] = "SYN", [0x02] = "ACK", [0x04] = "DATA", [0x08] = "FIN", [0x10] = "RST" }

local f = rudp.fields
f.version  = ProtoField.uint8("netlab_rudp.version", "Version", base.DEC)
f.flags    = ProtoField.uint8("netlab_rudp.flags", "Flags", base.HEX)
f.syn      = ProtoField.bool("netlab_rudp.flags.syn", "SYN", 8, nil, 0x01)
f.ack_flag = ProtoField.bool("netlab_rudp.flags.ack", "ACK", 8, nil, 0x02)
f.data     = ProtoField.bool("netlab_rudp.flags.data", "DATA", 8, nil, 0x04)
f.fin      = ProtoField.bool("netlab_rudp.flags.fin", "FIN", 8, nil, 0x08)
f.rst      = ProtoField.bool("netlab_rudp.flags.rst", "RST", 8, nil, 0x10)
f.window   = ProtoField.uint16("netlab_rudp.window", "Window (segments)", base.DEC)
f.conn     = ProtoField.uint32("netlab_rudp.conn", "Connection ID", base.HEX)
f.seq      = ProtoField.uint32("netlab_rudp.seq", "Sequence number", base.DEC)
f.ack      = ProtoField.uint32("netlab_rudp.ack", "Acknowledgment number", base.DEC)
f.length   = ProtoField.uint16("netlab_rudp.length", "Payload length", base.DEC)
f.reserved = ProtoField.uint16("netlab_rudp.reserved", "Reserved", base.HEX)
f.checksum = ProtoField.uint32("netlab_rudp.checksum", "Checksum (CRC-32)", base.HEX)
f.checksum_bad = ProtoField.bool("netlab_rudp.checksum_bad", "Checksum bad")
f.payload  = ProtoField.bytes("netlab_rudp.payload", "Payload")

local HEADER = 24

-- CRC-32 (IEEE), the same as the lab's CRC32.checksum, with the checksum field zeroed.
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
        local byte = (i >= 20 and i < 24) and 0 or bytes:get_index(i)
        crc = bit.bxor(bit.rshift(crc, 8), crc_table[bit.band(bit.bxor(crc, byte), 0xFF)])
    end
    crc = bit.bnot(crc)
    if crc < 0 then crc = crc + 4294967296 end
    return crc
end

local function flag_text(flags)
    local names = {}
    for _, value in ipairs({ 0x01, 0x02, 0x04, 0x08, 0x10 }) do
        if bit and bit.band(flags, value) ~= 0 then names[#names + 1] = flag_names[value] end
    end
    return table.concat(names, ",")
end

local function looks_like_rudp(buffer)
    return buffer:len() >= HEADER and buffer(0, 1):uint() == 1 and buffer(16, 2):uint() == buffer:len() - HEADER
end

function rudp.dissector(buffer, pinfo, tree)
    if not looks_like_rudp(buffer) then return 0 end
    pinfo.cols.protocol = "RUDP"
    local flags = buffer(1, 1):uint()
    local length = buffer(16, 2):uint()
    local subtree = tree:add(rudp, buffer(0, HEADER + length), "NetLab RUDP")
    subtree:add(f.version, buffer(0, 1))
    local flag_tree = subtree:add(f.flags, buffer(1, 1))
    flag_tree:append_text(" (" .. flag_text(flags) .. ")")
    for _, field in ipairs({ f.syn, f.ack_flag, f.data, f.fin, f.rst }) do flag_tree:add(field, buffer(1, 1)) end
    subtree:add(f.window, buffer(2, 2))
    subtree:add(f.conn, buffer(4, 4))
    subtree:add(f.seq, buffer(8, 4))
    subtree:add(f.ack, buffer(12, 4))
    subtree:add(f.length, buffer(16, 2))
    subtree:add(f.reserved, buffer(18, 2))
    local checksum_item = subtree:add(f.checksum, buffer(20, 4))
    local computed = crc32(buffer:bytes())
    local bad = computed ~= nil and computed ~= buffer(20, 4):uint()
    if computed ~= nil then
        checksum_item:append_text(bad and string.format(" [BAD: computed 0x%08x]", computed) or " [correct]")
        subtree:add(f.checksum_bad, bad):set_generated()
    end
    if length > 0 then subtree:add(f.payload, buffer(HEADER, length)) end
    local info = string.format("[%s] conn=0x%08x seq=%u", flag_text(flags), buffer(4, 4):uint(), buffer(8, 4):uint())
    if bit and bit.band(flags, 0x02) ~= 0 then info = info .. string.format(" ack=%u", buffer(12, 4):uint()) end
    info = info .. string.format(" win=%u len=%u", buffer(2, 2):uint(), length)
    if bad then info = info .. " [BAD CHECKSUM]" end
    pinfo.cols.info = info
    return HEADER + length
end

DissectorTable.get("udp.port"):add(2122, rudp)
rudp:register_heuristic("udp", function(buffer, pinfo, tree)
    if not looks_like_rudp(buffer) then return false end
    rudp.dissector(buffer, pinfo, tree)
    return true
end)
