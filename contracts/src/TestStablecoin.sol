// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title TestStablecoin
/// @notice A dev and test dollar with 6 decimals and EIP-2612 permits. Anyone may mint: never
/// deploy it where its tokens could be mistaken for money.
contract TestStablecoin is ERC20, ERC20Permit {
    constructor() ERC20("Triad Test Dollar", "tUSD") ERC20Permit("Triad Test Dollar") {}

    /// @notice The token has 6 decimals, like USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints `amount` to `to`. Open to anyone: this is a test token.
    /// @param to The receiver.
    /// @param amount The amount in base units (1e6 per dollar).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
