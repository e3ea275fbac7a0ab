// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

/// @title ProofTrail checkpoint anchor
/// @notice Records that a signed checkpoint of the ProofTrail log existed by a block's time.
/// The note itself stays off chain: its SHA-256 and the (size, root) it commits to are enough for
/// anyone holding the note to find and check the anchoring transaction. Nothing is stored in
/// contract storage; the event log is the record, which keeps each anchor to about 27k gas.
contract CheckpointAnchor {
    /// Only the deployer may anchor, so that every Anchored event of this contract comes from the
    /// log operator and a verifier need not filter out events others could emit.
    address public immutable owner;

    /// @param treeSize indexed so that verifiers can look up the anchors of one log size.
    event Anchored(uint64 indexed treeSize, bytes32 root, bytes32 noteHash, address by);

    error NotOwner(address caller);

    constructor() {
        owner = msg.sender;
    }

    function anchor(uint64 treeSize, bytes32 root, bytes32 noteHash) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        emit Anchored(treeSize, root, noteHash, msg.sender);
    }
}
